## Site

# 사이트 제목. 인수를 받지 않습니다. 루트 언어 선택 페이지에도 표시됩니다.
site-title = { -exchange-server } 지원 종료 가이드
# 언어 전환기에 표시되는 이 언어의 자체 이름입니다.
language-name = 한국어
skip-to-content = 주 콘텐츠로 건너뛰기

## Navigation

nav-label = 주 메뉴
nav-home = 홈
nav-roadmap = 로드맵
nav-versions = { -exchange } 버전
nav-methods = 마이그레이션 방법
nav-about = 이 가이드 정보
language-switcher-label = 언어
language-chooser-title = 언어 선택
toc-title = 이 페이지의 내용
back-to-roadmap = 전체 로드맵으로 돌아가기
site-description = { -exchange-server } 지원 종료의 의미와, { -microsoft-365 } 또는 자체 서버의 최신 버전으로 이동하는 방법을 설명합니다.
sidebar-title = 이 가이드의 내용
breadcrumbs-label = 현재 위치
pager-label = 이전 페이지와 다음 페이지
pager-previous = 이전
pager-next = 다음

## Home page

home-intro = { $version }의 지원이 { $date }에 종료되었습니다. 이 가이드에서는 지원 종료의 의미와 다음에 할 수 있는 일을 설명합니다. { -microsoft-365 }로 이동하거나, 자체 서버에서 최신 버전의 { -exchange-server }로 이동할 수 있습니다.
home-roadmap-link = 전체 지원 종료 로드맵 읽기
home-versions-heading = { -exchange } 버전
home-versions-intro = 버전마다 지원 종료 날짜, 최소 요구 사항, 새로운 기능 및 마이그레이션 경로를 설명하는 별도의 페이지가 있습니다.
home-methods-heading = { -microsoft-365 }로 마이그레이션하는 방법
home-methods-intro = 방법마다 적합한 조직 규모와 일정이 다릅니다.
# 목록의 버전: 링크된 이름 뒤에 지원 종료 날짜가 표시됩니다.
home-version-eos = 지원 종료: { $date }
home-version-source = 마이그레이션 원본 버전

## Footer

footer-facts = 이 사이트의 모든 날짜, 숫자, 버전 및 링크는 하나의 데이터 파일 집합에서 가져오며, 모든 언어는 동일한 사실을 바탕으로 생성됩니다.
footer-built-with = Stele로 빌드했습니다.

## Not found

not-found-title = 페이지를 찾을 수 없음
not-found-text = 이 주소에는 페이지가 없습니다. 페이지가 이동되었거나 링크가 잘못 입력되었을 수 있습니다.
not-found-home = 홈페이지로 이동
