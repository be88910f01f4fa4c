# 클라우드로의 마이그레이션 방법: 로드맵과 각 방법의 페이지에 표시됩니다.
# 모든 방법 메시지는 같은 인수를 받습니다.
#   $version        원본 릴리스
#   $max_mailboxes  이 방법으로 처리할 수 있는 최대 사서함 수(단독형만)
#   $recommended    강력히 권장하는 최대 사서함 수(단독형만)
#   $weeks          최대 소요 기간(주, 단독형만)
#   $min_weeks      최소 소요 기간(주, 단계적만)
#   $hybrid_version 하이브리드 서버로 필요한 릴리스
#   $hybrid_count   필요한 하이브리드 서버의 최소 수
#   $port           클라우드 서비스가 연결하는 TCP 포트
#   $offline_url    "오프라인으로 유지할 메일 양 변경" 링크

## Method names

method-cutover = 단독형 마이그레이션
    .inline = 단독형 마이그레이션
method-staged = 단계적 마이그레이션
    .inline = 단계적 마이그레이션
method-full-hybrid = 전체 하이브리드 마이그레이션
    .inline = 전체 하이브리드 마이그레이션

## Method pages

method-summary-caption = 한눈에 보기
method-org-size = 조직 규모
method-duration = 기간
method-capacity = 용량
method-capacity-max = 사서함 최대 { $count }개까지 가능하며, 사서함 { $recommended }개 이하로 사용할 것을 강력히 권장합니다
method-outlook-profiles = { -outlook } 프로필
method-outlook-profiles-new = 사용자가 새 프로필을 설정함
method-outlook-profiles-kept = 사용자가 기존 프로필을 유지함
method-about-heading = 작동 방식
method-considerations-heading = 고려 사항
method-resources-heading = 추가 참고 자료
method-other-methods = 다른 마이그레이션 방법

## Cutover migration

method-cutover-intro = 단독형 마이그레이션에서는 미리 정한 날짜와 시간에 모든 사서함, 메일 그룹, 연락처 등을 { -microsoft-365 }로 이동합니다. 마이그레이션이 완료되면 온-프레미스 { -exchange } 서버를 종료하고 { -microsoft-365 }만 사용합니다.
method-cutover-details = 단독형 마이그레이션은 사서함이 많지 않고, { -microsoft-365 }로 빠르게 이전하기를 원하며, 다른 방법의 복잡한 부분을 일부 피하고 싶은 소규모 조직에 적합합니다. 하지만 마이그레이션을 { $weeks }주 이내에 완료해야 하며, 사용자가 { -outlook } 프로필을 다시 구성해야 합니다. 단독형 마이그레이션으로 사서함을 최대 { $max_mailboxes }개까지 처리할 수 있지만, 사서함 { $recommended }개 이하에만 사용할 것을 강력히 권장합니다. 그보다 많이 이동하려고 하면 기한 전에 모든 사서함을 전송할 시간이 부족할 수 있고, IT 지원 담당자가 사용자의 { -outlook } 재구성을 도와 달라는 요청에 시달릴 수 있습니다.
method-cutover-considerations = 단독형 마이그레이션을 고려하고 있다면 다음 사항에 유의하세요.
method-cutover-resources = 단독형 마이그레이션에 대한 자세한 내용은 다음을 참조하세요.

## Staged migration

method-staged-intro = 단계적 마이그레이션에서는 { -microsoft-365 }로 이동할 사서함이 수백 개 또는 수천 개이고, 이동을 완료하는 데 { $min_weeks }주 이상이 필요하며, 약속 있음/없음 일정 정보 공유와 같은 고급 하이브리드 기능은 필요하지 않습니다.
method-staged-details = 단계적 마이그레이션은 사서함을 { -microsoft-365 }로 이동하는 데 시간이 더 필요하지만 몇 주 안에 완료할 계획인 조직에 적합합니다. 사서함을 일괄 처리 단위로 이동하며, 한 번에 이동할 사서함의 수와 대상을 직접 결정합니다. 예를 들어 한 부서의 사서함을 같은 일괄 처리에 넣어 모두 함께 이동하거나, 임원 사서함을 마지막 일괄 처리로 남겨 둘 수 있습니다. 단독형 마이그레이션과 마찬가지로 사용자는 { -outlook } 프로필을 다시 만들어야 합니다.
method-staged-considerations = 단계적 마이그레이션을 고려하고 있다면 다음 사항에 유의하세요.
method-staged-resources = 단계적 마이그레이션에 대한 자세한 내용은 다음을 참조하세요.

## Full hybrid migration

method-full-hybrid-intro = 전체 하이브리드 마이그레이션에서는 조직에 수백 개에서 최대 수만 개에 이르는 많은 사서함이 있으며, 그중 일부 또는 전부를 { -microsoft-365 }로 이동하려고 합니다. 이러한 마이그레이션은 대개 시간이 더 오래 걸리므로, 하이브리드 설정을 통해 다음을 수행할 수 있습니다.
method-full-hybrid-details = 전체 하이브리드 마이그레이션은 수개월 이상 하이브리드 구성을 유지할 것으로 예상되는 조직에 가장 적합합니다. 위에 나열된 기능 외에도 디렉터리 동기화, 더 긴밀하게 통합된 규정 준수 기능, 그리고 온라인 사서함 이동을 통해 사서함을 { -microsoft-365 }로 옮기거나 { -microsoft-365 }에서 다시 옮겨 오는 기능을 사용할 수 있습니다. { -microsoft-365 }는 온-프레미스 조직을 확장한 일부가 됩니다.
method-full-hybrid-considerations = 전체 하이브리드 마이그레이션을 고려하고 있다면 다음 사항에 유의하세요.
method-full-hybrid-resources = 전체 하이브리드 마이그레이션이 적합하다고 판단되면 다음 리소스가 도움이 됩니다.

## Hybrid capabilities (one message per key of `capabilities` in migration.yaml)

capability-free-busy = 온-프레미스 사용자에게 { -microsoft-365 } 사용자의 약속 있음/없음 일정 정보를 표시하고, 반대로 { -microsoft-365 } 사용자에게도 온-프레미스 사용자의 정보를 표시합니다.
capability-unified-gal = 온-프레미스와 { -microsoft-365 }의 받는 사람이 모두 포함된 하나의 통합 전체 주소 목록을 사용합니다.
capability-recipient-properties = 온-프레미스 사용자와 { -microsoft-365 } 사용자 모두에 대해 전체 { -outlook } 받는 사람 속성을 볼 수 있습니다.
capability-secure-transport = { -tls } 및 인증서를 사용하여 온-프레미스 { -exchange } 서버와 { -microsoft-365 } 간의 전자 메일을 보호합니다.
capability-internal-messages = 온-프레미스 { -exchange } 서버와 { -microsoft-365 } 간에 전송되는 메시지를 내부 메시지로 처리하여 다음과 같이 되도록 합니다.
capability-internal-messages-compliance-agents = 내부 메시지를 대상으로 하는 전송 및 규정 준수 에이전트에서 올바르게 평가되고 처리됩니다.
capability-internal-messages-bypass-anti-spam = 스팸 방지 필터를 우회합니다.

## Considerations (one message per key of `considerations` in migration.yaml)

consideration-connect-source = { -microsoft-365 }가 { -tcp } 포트 { NUMBER($port, useGrouping: "false") }에서 { -outlook-anywhere }를 사용하여 { $version } 서버에 연결할 수 있어야 합니다.
consideration-all-mailboxes-moved = 모든 온-프레미스 사서함이 { -microsoft-365 }로 이동됩니다.
consideration-admin-read-access = 사용자 사서함에 대한 읽기 권한이 있는 온-프레미스 관리자 계정이 필요합니다.
consideration-accepted-domains = { -microsoft-365 }에서 사용하려는 { $version } 허용 도메인을 서비스에 확인된 도메인으로 추가해야 합니다.
consideration-periodic-sync = 마이그레이션을 시작한 시점부터 완료 단계를 시작할 때까지 { -microsoft-365 }는 { -microsoft-365 } 사서함을 온-프레미스 사서함과 정기적으로 동기화합니다. 따라서 전자 메일이 온-프레미스 사서함에 남을까 걱정하지 않고 마이그레이션을 완료할 수 있습니다.
consideration-periodic-sync-batch = 마이그레이션 일괄 처리를 시작한 시점부터 완료 단계를 시작할 때까지 { -microsoft-365 }는 해당 일괄 처리에 포함된 { -microsoft-365 } 사서함과 온-프레미스 사서함을 정기적으로 동기화합니다. 따라서 전자 메일이 온-프레미스 사서함에 남을까 걱정하지 않고 마이그레이션을 완료할 수 있습니다.
consideration-temporary-passwords = 사용자는 { -microsoft-365 } 계정의 새 임시 암호를 받으며, 사서함에 처음 로그인할 때 암호를 변경해야 합니다.
consideration-csv-file = 일괄 처리로 이동할 각 사서함의 전체 이름과 전자 메일 주소가 포함된 { -csv } 파일을 만들어야 합니다. 이 파일에는 각 사서함의 새 암호도 포함되어야 하며, 이 암호를 각 사용자에게 보냅니다. 사용자는 새 { -microsoft-365 } 사서함에 처음 로그인할 때 암호를 변경하라는 메시지를 받습니다.
consideration-license = 마이그레이션하는 각 사용자 사서함에는 { -exchange-online }이 포함된 { -microsoft-365 } 라이선스가 필요합니다.
consideration-new-outlook-profile = 사용자는 각 디바이스에서 새 { -outlook } 프로필을 설정하고 전자 메일을 다시 다운로드해야 합니다. { -outlook }에서 다운로드하는 전자 메일의 양은 다를 수 있습니다. 자세한 내용은 [오프라인으로 유지할 메일 양 변경]({ $offline_url })을 참조하세요.
consideration-not-for-everyone = 전체 하이브리드 마이그레이션이 모든 조직에 적합한 것은 아닙니다. 구성이 복잡하기 때문에 사서함이 수백 개 미만인 조직은 대개 설정에 드는 노력과 비용을 정당화할 만큼의 이점을 얻지 못합니다. 이에 해당하는 조직이라면 단독형 또는 단계적 마이그레이션을 대신 고려하는 것이 좋습니다.
consideration-hybrid-server = "하이브리드 서버" 역할을 할 { $hybrid_version } 서버를 { $version } 조직에 { $hybrid_count }대 이상 배포해야 합니다. 이 서버는 { $version } 서버를 대신하여 { -microsoft-365 }와 통신합니다.
consideration-connect-hybrid-server = { -microsoft-365 }가 { -tcp } 포트 { NUMBER($port, useGrouping: "false") }에서 { -outlook-anywhere }를 사용하여 "하이브리드 서버"에 연결할 수 있어야 합니다.
consideration-directory-sync = { -azure-ad-connect-full }를 사용하여 온-프레미스 { -active-directory } 서버와 { -microsoft-365 } 간의 디렉터리 동기화를 설정해야 합니다.
consideration-same-sign-in = 사용자는 로컬 네트워크에서 사용하는 것과 동일한 사용자 이름과 암호로 { -microsoft-365 } 사서함에 로그인할 수 있습니다. (이를 위해서는 암호 동기화를 사용하는 { -azure-ad-connect }나 { -ad-fs } 중 하나 또는 둘 다 필요합니다.)
consideration-keep-outlook-profile = 대부분의 디바이스에서 사용자는 새 { -outlook } 프로필을 설정할 필요가 없지만, 일부 이전 { -android } 휴대폰에서는 새 프로필이 필요할 수 있습니다. 사용자가 전자 메일을 다시 다운로드할 필요도 없습니다.

# 검색 결과와 링크 미리 보기에 표시되는 방법 페이지의 설명입니다.
method-description = { $method }: { -microsoft-365 }로 이동하는 방법 중 하나입니다. 조직 규모: { $size }. 기간: { $duration }.
