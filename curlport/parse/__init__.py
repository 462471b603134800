"""Reading curl: shell text -> words with spans -> curl options -> the request curl would send."""
