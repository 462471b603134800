"""`curlport serve`: the library behind a local JSON API and a page (optional extra ``curlport[web]``)."""
