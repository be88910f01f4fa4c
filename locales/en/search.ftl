# The search box (themes/stele/templates/_search.html).
search-label = Search this guide
search-offline = Search works when the guide is served from a web server; browsers do not let a page opened from a file load the search index.
