from curlport.cli import main

main()
