# Exchange 릴리스마다 한 페이지(컬렉션 `versions`).
# $version: 이 페이지의 릴리스. $source: 떠나는 릴리스.

## Page

version-title = { $version }
version-summary-caption = { $version } 한눈에 보기
version-eos = 지원 종료
version-min-os = 최소 { -windows-server } 버전
version-min-ad = 최소 { -active-directory } 포리스트 기능 수준
version-min-office = 최소 { -office } 클라이언트
version-installs-into-source = 기존 { $source } 조직에 설치 가능
version-installs-yes = 예
version-installs-no = 아니요

## The source release

# $date: 일 단위 날짜.
version-source-intro = { $full_name }의 지원이 { $date }에 종료되었습니다. 이 날짜 이후 { -microsoft }는 더 이상 다음을 제공하지 않습니다.
version-source-next = { -microsoft-365 } 또는 최신 버전의 { -exchange-server }로 이동할 수 있습니다.
version-source-cloud = 다음 방법 중 하나를 사용하여 { -microsoft-365 }로 마이그레이션합니다.
version-source-onprem = 또는 다음 버전 중 하나를 사용하여 전자 메일을 온-프레미스에 유지합니다.

## A target release

version-target-intro = { $source }에서 마이그레이션할 수 있는 버전 중 하나가 { $version }입니다. 이 버전의 지원 종료 날짜는 { DATETIME($date, year: "numeric", month: "long") }입니다.
version-recommended = { -microsoft-365 }로 마이그레이션할 수 없는 경우 이 버전을 권장합니다.
version-hybrid-server = { $source }에서 전체 하이브리드 마이그레이션을 하려면 { $source } 조직에 { $version } 서버가 { $count }대 이상 필요합니다.
version-features-heading = { $version }의 새로운 기능
version-requirements-heading = 최소 요구 사항
version-coexistence-heading = { $source } 서버와의 공존
version-path-heading = { $source }에서의 마이그레이션 경로
version-resources-heading = { $version } 관련 리소스
version-other-versions = 다른 버전
