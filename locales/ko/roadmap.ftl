# 지원 종료 로드맵. 페이지 순서대로 정렬되어 있습니다.
# $version, $source, $target, $fallback: 데이터의 릴리스 이름.
# $date: 데이터의 날짜(로캘 형식으로 표시). $url: 데이터의 링크 대상.
# 조사: 값 바로 뒤의 조사는 JOSA($값, "으로")처럼 씁니다. 값을 읽는 방식에 따라 으로/로, 을/를, 은/는, 이/가, 과/와 중 알맞은 형태가 붙습니다.

## Page

roadmap-title = { $version } 지원 종료 로드맵
roadmap-description = { $full_name } 지원 종료의 의미와 { -microsoft-365 }, { -office-365 } 또는 { $target } 중 하나로 이동하는 계획을 세우는 방법을 알아봅니다.
roadmap-applies-to = *이 문서는 { -microsoft-365-enterprise } 및 { -office-365-enterprise }에 모두 적용됩니다.*
roadmap-intro = { $full_name }의 지원은 { DATETIME($date, year: "numeric", month: "long") }에 종료되었습니다. 아직 { $version }에서 { -microsoft-365 }, { -office-365 } 또는 { $target } 중 하나로 이동하기 시작하지 않았다면 지금 바로 계획을 세워야 합니다.

## What end of support means

eos-heading = *지원 종료*란 무엇을 의미하나요?
eos-lifecycle = 거의 모든 { -microsoft } 제품과 마찬가지로 { -exchange-server }에도 지원 수명 주기가 있습니다. 이 수명 주기 동안 새로운 기능, 버그 수정, 보안 수정 등이 제공됩니다. 수명 주기는 일반적으로 제품의 최초 릴리스부터 { $years }년 동안 지속되며, 수명 주기가 끝나는 시점을 제품의 *지원 종료*라고 합니다.
eos-no-longer = { $version }의 지원이 { $date }에 종료되었으므로 { -microsoft }는 더 이상 다음을 제공하지 않습니다.
eos-item-technical-support = 발생할 수 있는 문제에 대한 기술 지원
eos-item-bug-fixes = 서버의 안정성과 유용성에 영향을 줄 수 있는 문제에 대한 버그 수정
eos-item-security-fixes = 서버를 보안 침해에 노출시킬 수 있는 취약성에 대한 보안 수정
eos-item-time-zone-updates = 표준 시간대 업데이트
eos-keeps-running = 지원 종료 날짜 이후에도 { $version } 설치는 계속 실행됩니다. 하지만 더 이상 업데이트나 지원이 제공되지 않으므로 가능한 한 빨리 { $version }에서 다른 환경으로 마이그레이션할 것을 강력히 권장합니다.
eos-office = 지원 종료가 다가오는 { $product } 서버에 대한 내용은 [{ $product } 서버 및 제품에서 업그레이드 계획]({ $url })을 참조하세요.

## Options

options-heading = 어떤 옵션이 있나요?
options-intro = 다음 중 하나를 선택할 수 있습니다.
# $methods: 방법 이름을 한국어 방식으로 연결한 목록("A, B 및 C").
options-cloud = { LIST($methods, type: "or") } 중 한 가지 방법을 사용하여 { -microsoft-365 }로 마이그레이션합니다.
options-on-premises = { $version } 서버를 자체 온-프레미스 서버에서 실행되는 최신 버전의 { -exchange }로 마이그레이션합니다.
options-outro = 아래 섹션에서는 각 옵션을 자세히 살펴봅니다.

## Migrate to Microsoft 365

cloud-heading = { -microsoft-365 }로 마이그레이션
cloud-intro = 전자 메일을 { -microsoft-365 }로 이동하는 것은 { $version } 배포를 사용 중지하는 가장 좋고 간단한 방법입니다. { -microsoft-365 }로 마이그레이션하면 { $years }년 된 기술에서 다음과 같은 최신 기능으로 한 번에 이동할 수 있습니다.
cloud-feature-compliance = { -retention-policies }, { -in-place-hold } 및 { -litigation-hold }, 원본 위치 { -ediscovery } 등의 규정 준수 기능
cloud-feature-groups = { -microsoft-365-groups }
cloud-feature-focused-inbox = { -focused-inbox }
cloud-feature-myanalytics = { -myanalytics }
cloud-feature-rest-apis = 프로그램에서 전자 메일, 일정, 연락처 등에 액세스할 수 있게 해 주는 { -rest } API
cloud-new-first = 또한 { -microsoft-365 }에는 새로운 기능과 환경이 가장 먼저 제공되므로 관리자와 사용자 모두 대개 곧바로 사용하기 시작할 수 있습니다. 그리고 더 이상 다음 사항을 걱정할 필요가 없습니다.
cloud-worry-hardware = 하드웨어 구매 및 유지 관리
cloud-worry-heating-cooling = 서버 냉난방 비용 지불
cloud-worry-fixes = 보안, 제품 및 표준 시간대 수정 사항을 최신 상태로 유지
cloud-worry-compliance-storage = 규정 준수 요구 사항에 필요한 스토리지 및 소프트웨어 유지 관리
cloud-worry-upgrades = 새 버전의 { -exchange }로 업그레이드. { -microsoft-365 }에서는 항상 최신 버전의 { -exchange }를 사용합니다.

## How should I migrate to Microsoft 365?

choose-heading = { -microsoft-365 }로 어떻게 마이그레이션해야 하나요?
choose-intro = 마이그레이션 방법에는 몇 가지가 있으며, 방법을 선택할 때는 다음을 비롯한 몇 가지 사항을 고려해야 합니다.
choose-factor-seats = 이동해야 하는 시트 또는 사서함의 수
choose-factor-duration = 마이그레이션에 걸리기를 원하는 기간
choose-factor-integration = 마이그레이션을 진행하는 동안 온-프레미스 설치와 { -microsoft-365 } 간의 원활한 통합이 필요한지 여부
choose-table-intro = 다음 표에는 마이그레이션 방법과 사용할 방법을 결정하는 주요 요소가 나와 있습니다.
choose-table-caption = 마이그레이션 방법 한눈에 보기
choose-col-method = 마이그레이션 방법
choose-col-org-size = 조직 규모
choose-col-duration = 기간
choose-outro = 아래 섹션에서는 각 방법의 개요를 설명합니다. 자세한 내용은 [마이그레이션 경로 결정]({ $url })을 참조하세요.

## Organization sizes and durations (one message per `kind` in migration.yaml)

org-size-fewer-than = 시트 { $seats }개 미만
org-size-more-than = 시트 { $seats }개 초과
org-size-hundreds-to-thousands = 시트 수백 개에서 수천 개
duration-at-most-weeks = { $weeks }주 이하
duration-few-weeks = 몇 주
duration-few-months = 몇 개월 이상

## Migrate to a newer version of Exchange Server

onprem-heading = 최신 버전의 { -exchange-server }로 마이그레이션
# $targets: 온-프레미스 대상 릴리스를 한국어 방식으로 연결한 목록.
onprem-intro = { -microsoft-365 }가 최고의 가치와 사용자 환경을 제공한다고 굳게 믿습니다. 하지만 일부 조직은 규정 때문에, 또는 데이터가 다른 국가의 데이터 센터에 저장되지 않도록 보장하기 위해, 혹은 이와 비슷한 이유로 전자 메일을 온-프레미스에 유지해야 한다는 점도 이해합니다. 전자 메일을 온-프레미스에 유지하는 경우 { $version } 환경을 { LIST($targets, type: "or") } 중 하나로 마이그레이션할 수 있습니다.
# $version: 권장 대상.
onprem-recommend = { -microsoft-365 }로 마이그레이션할 수 없는 경우 권장하는 마이그레이션 대상은 { $version }입니다. 이 버전에는 이전 { -exchange } 릴리스의 모든 기능이 포함되어 있으며, 일부 기능은 { -microsoft-365 }에서만 제공되지만 { -microsoft-365 }에 가장 가까운 환경을 제공합니다. 다음은 그동안 사용하지 못했던 기능 중 일부에 불과합니다.
features-caption = 릴리스별 새로운 기능
features-col-release = { -exchange } 릴리스
features-col-features = 기능
# $version: 기능이 함께 포함되는 릴리스.
features-inherited = { $version }의 모든 기능과 함께 다음 기능 제공:

## Features (one message per key of `exchange.features`)

feature-rbac = { -rbac }(ACL 없이 권한 부여)
feature-owa-mailbox-policies = { -outlook-web-app } 사서함 정책
feature-cross-org-calendar-sharing = 조직 간 약속 있음/없음 정보 공유 및 일정 위임
# $count: 서버 역할 수. $roles: 역할 이름을 한국어 방식으로 연결한 목록.
feature-three-server-roles = 서버 역할 수를 { $count }개({ $roles })로 줄인 더 간단한 아키텍처
feature-dlp-policies = 중요한 정보의 유출을 방지하는 데 도움이 되는 DLP(데이터 손실 방지) 정책
feature-improved-owa = 향상된 { -outlook-web-app } 환경
# $roles: 남은 서버 역할을 한국어 방식으로 연결한 목록.
feature-two-server-roles = 서버 역할을 더욱 단순화하여 { $roles } 역할만 사용
feature-improved-dlp-sharepoint = { -sharepoint }와 통합된 향상된 DLP
feature-database-resilience = 복원력이 향상된 데이터베이스
feature-online-collaboration = 온라인 문서 공동 작업

## Server roles (one message per key of `exchange.server_roles`)

server-role-mailbox = { -role-mailbox }
server-role-client-access = { -role-client-access }
server-role-edge-transport = { -role-edge-transport }

## Which version should I migrate to?

which-heading = 어떤 버전으로 마이그레이션해야 하나요?
# $version: 권장 대상. $fallback: 다음으로 검토할 버전.
which-intro = 먼저 { JOSA($version, "으로") } 마이그레이션한다고 가정합니다. 그런 다음 아래 정보를 사용하여 이 선택을 확정하거나 { $version } 버전을 후보에서 제외합니다. 어떤 이유로 { $version } 사용이 불가능하면 { $fallback }에 대해 같은 단계를 진행하고, 그다음 버전도 같은 방식으로 검토합니다.
which-caption = 버전별 확인 사항
which-col-consideration = 고려 사항
which-col-info = 추가 정보

which-eos-label = 지원 종료 날짜
# $version: 원본 릴리스.
which-eos-intro = { $version }처럼 { -exchange }의 각 버전에는 고유한 지원 종료 날짜가 있습니다.
# 목록 항목: 릴리스와 지원 종료 날짜.
which-eos-item = { $version }: { $date }
which-eos-outro = 지원이 일찍 종료되는 버전일수록 더 빨리 다시 마이그레이션해야 합니다.

# $versions: 한 경로의 대상 릴리스를 한국어 방식으로 연결한 목록.
which-path-label = { JOSA($versions, "으로") }의 마이그레이션 경로
# $version: 대상 또는 대상 선택지(versions-either).
which-path-intro = { JOSA($version, "으로") } 마이그레이션하는 일반적인 단계는 다음과 같습니다.
# 선택할 수 있는 두 릴리스.
versions-either = { $first } 또는 { $second }

which-coexistence-label = 버전 공존
# $source: 떠나는 릴리스.
which-coexistence-intro = 각 버전을 { $source } 서버와 함께 설치할 수 있는지 여부는 다음과 같습니다.
# $version: $source 서버가 남아 있는 조직에 추가할 수 있는 대상.
coexistence-yes = 기존 { $source } 조직에 { $version } 서버를 설치할 수 있으므로, { $version } 서버를 하나 이상 추가하여 마이그레이션을 진행할 수 있습니다.
# $version: 추가할 수 없는 대상. $intermediates: 먼저 거쳐야 하는 릴리스.
# $recommended: 강력히 권장하는 중간 릴리스.
coexistence-no = { $source } 서버가 아직 있는 조직에는 { $version } 서버를 설치할 수 없습니다. 먼저 { JOSA($intermediates, "으로") } 마이그레이션하고({ $recommended } 사용을 강력히 권장합니다) 모든 { $source } 서버를 제거한 다음에야 { JOSA($version, "으로") } 마이그레이션할 수 있습니다.

which-hardware-label = 서버 하드웨어
which-hardware-intro = { $version } 이후 서버 하드웨어 요구 사항이 변경되었으므로 하드웨어가 호환되는지 확인하세요. 자세한 내용은 다음을 참조하세요.
which-hardware-outro = { -exchange }의 성능이 크게 향상되었고 최신 서버의 컴퓨팅 성능과 스토리지 용량도 늘어났으므로, 같은 수의 사서함을 지원하는 데 필요한 서버 수가 줄어들 가능성이 높습니다.

which-os-label = 운영 체제 버전
which-os-intro = 각 버전에서 지원되는 최소 운영 체제는 다음과 같습니다.
which-os-more = 운영 체제 지원에 대한 자세한 내용은 [{ -exchange } 지원 가능성 매트릭스]({ $url })를 참조하세요.
which-ad-label = { -active-directory } 포리스트 기능 수준
which-ad-intro = 각 버전에서 지원되는 최소 { -active-directory } 포리스트 기능 수준은 다음과 같습니다.
which-ad-more = 포리스트 기능 수준 지원에 대한 자세한 내용은 [{ -exchange } 지원 가능성 매트릭스]({ $url })를 참조하세요.
which-office-label = { -office } 클라이언트 버전
which-office-intro = 각 버전에서 지원되는 최소 { -office } 클라이언트는 다음과 같습니다.
which-office-more = { -office } 클라이언트 지원에 대한 자세한 내용은 [{ -exchange } 지원 가능성 매트릭스]({ $url })를 참조하세요.
# 목록 항목: 릴리스와 최소 요구 사항(데이터의 OS, 포리스트 수준 또는 Office 버전).
requirement-item = **{ $version }**: { $value }
# $client: 데이터의 Office 버전.
office-client-latest-updates = { $client }(최신 업데이트 적용)

## Migration steps (one message per `action` in exchange.yaml paths)
## $version: 단계의 대상 릴리스. $org: 단계가 진행되는 조직의 릴리스.

step-install = 기존 { $org } 조직에 { $version } 서버를 설치합니다.
step-move-services = 서비스 및 기타 인프라를 { JOSA($version, "으로") } 이동합니다.
step-move-mailboxes = 사서함과 공용 폴더를 { JOSA($version, "으로") } 이동합니다.
step-decommission = 남은 { $version } 서버의 서비스를 해제합니다.
step-move-everything = 사서함, 공용 폴더, 서비스 및 기타 인프라를 순서에 관계없이 { JOSA($version, "으로") } 이동합니다.
# $from: 중간 릴리스. $to: 대상.
path-intermediate-note = **참고:** { $from }에서 { JOSA($to, "으로") } 이동하는 작업은 간단합니다. 두 버전은 하드웨어 요구 사항이 거의 같고 호환성이 매우 높으므로, { $from }용으로 구입한 서버를 다시 빌드하여 { $to } 설치에 사용할 수 있습니다. 온라인 사서함 이동을 사용하면, 사서함이 서버에서 다른 곳으로 옮겨졌다가 서버를 { $to } 기반으로 다시 빌드한 후 되돌아왔다는 사실을 대부분의 사용자는 알아차리지도 못합니다.

## How do I migrate?

howto-heading = 어떻게 마이그레이션하나요?
howto-intro = 전자 메일을 온-프레미스에 유지하기로 결정했다면 다음 리소스가 마이그레이션에 도움이 됩니다.
resources-ad-schema-changes = 각 버전의 { -active-directory } 스키마 변경 내용:
resources-system-requirements = 각 버전의 시스템 요구 사항:
resources-prerequisites = 각 버전의 필수 구성 요소:

## Get help

help-heading = 도움 받기
help-fasttrack = { -microsoft-365 }로 마이그레이션하는 경우 { -microsoft-fasttrack } 서비스를 이용할 자격이 있을 수 있습니다. { -fasttrack }에서는 { -microsoft-365 }로의 마이그레이션을 최대한 원활하게 진행할 수 있도록 모범 사례, 도구 및 리소스를 제공합니다. 무엇보다도 계획과 설계부터 마지막 사서함 이동까지 전체 마이그레이션 과정을 지원 엔지니어가 안내합니다. { -fasttrack }에 대한 자세한 내용은 [{ -microsoft-fasttrack }]({ $url })을 참조하세요.
help-other = { -fasttrack } 없이 { -microsoft-365 }로 마이그레이션하는 동안, 또는 최신 버전의 { -exchange-server }로 마이그레이션하는 동안 문제가 발생하면 언제든지 도와 드리겠습니다. 다음 리소스를 이용할 수 있습니다.

## Related topics

related-heading = 관련 항목

## Link texts (one message per `text` in links.yaml)

link-plan-upgrade-office-2007 = { $product } 서버 및 제품에서 업그레이드 계획
link-decide-migration-path = 마이그레이션 경로 결정
link-change-mail-offline = 오프라인으로 유지할 메일 양 변경
link-cutover-what-to-know = 단독형 전자 메일 마이그레이션에 대해 알아야 할 사항
link-cutover-perform = 전자 메일의 단독형 마이그레이션 수행
link-staged-what-to-know = 단계적 전자 메일 마이그레이션에 대해 알아야 할 사항
link-staged-perform = 전자 메일의 단계적 마이그레이션 수행
link-exchange-deployment-assistant = { -exchange } 배포 도우미
link-exchange-hybrid-deployments = { -exchange-server } 하이브리드 배포
link-hybrid-configuration-wizard = 하이브리드 구성 마법사
link-hybrid-configuration-wizard-faqs = 하이브리드 구성 마법사 FAQ
link-hybrid-deployment-prerequisites = 하이브리드 배포 필수 구성 요소
link-exchange-supportability-matrix = { -exchange } 지원 가능성 매트릭스
# $version: 페이지가 다루는 릴리스.
link-system-requirements = { $version } 시스템 요구 사항
link-ad-schema-changes = { $version }의 { -active-directory } 스키마 변경 내용
link-prerequisites = { $version } 필수 구성 요소
link-microsoft-fasttrack = { -microsoft-fasttrack }
link-technical-community = 기술 커뮤니티
link-customer-support = 고객 지원
link-office-2007-upgrade-resources = { $product } 서버 및 클라이언트 업그레이드에 도움이 되는 리소스
