# 검색 상자 (themes/stele/templates/_search.html).
search-label = 이 가이드 검색
search-offline = 검색은 가이드를 웹 서버에서 제공할 때 작동합니다. 브라우저는 파일로 연 페이지에서 검색 색인을 불러오지 못하게 합니다.
