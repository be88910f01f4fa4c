# Het zoekvak (themes/stele/templates/_search.html).
search-label = Zoeken in deze gids
search-offline = Zoeken werkt wanneer de gids via een webserver wordt aangeboden; browsers laten een pagina die als bestand is geopend de zoekindex niet laden.
