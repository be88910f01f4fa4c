# 보호되는 이름: 번역에서 정확히 유지해야 하는 제품, 기능 및 프로토콜 이름입니다.
# 모든 메시지는 이 용어를 통해서만 이러한 이름을 사용합니다.
# Microsoft 한국어 문서에서 한국어 이름을 쓰는 기능(보존 정책, 원본 위치 보존, 소송 보존,
# 그룹, 중요 받은 편지함, 역할 기반 액세스 제어, 서버 역할 이름)만 번역하고
# 나머지는 Microsoft가 한국어 문서에서 쓰는 영어 이름 그대로 둡니다.

## Microsoft and its services

-microsoft = Microsoft
-microsoft-365 = Microsoft 365
-microsoft-365-enterprise = Microsoft 365 Enterprise
-office-365 = Office 365
-office-365-enterprise = Office 365 Enterprise
-office = Office
-exchange = Exchange
-exchange-server = Exchange Server
-exchange-online = Exchange Online
-sharepoint = SharePoint
-fasttrack = FastTrack
-microsoft-fasttrack = Microsoft FastTrack
-windows-server = Windows Server
-android = Android

## Outlook

-outlook = Outlook
-outlook-anywhere = Outlook Anywhere
-outlook-web-app = Outlook Web App

## Identity and directory

-active-directory = Active Directory
-azure-ad-connect-full = Azure Active Directory (Azure AD) Connect
-azure-ad-connect = Azure AD Connect
-ad-fs = Active Directory Federation Services

## Microsoft 365 features

-microsoft-365-groups = Microsoft 365 그룹
-focused-inbox = 중요 받은 편지함
-myanalytics = MyAnalytics
-retention-policies = 보존 정책
-in-place-hold = 원본 위치 보존
-litigation-hold = 소송 보존
-ediscovery = eDiscovery

## Exchange features and server roles

-rbac = 역할 기반 액세스 제어
-role-mailbox = 사서함
-role-client-access = 클라이언트 액세스
-role-edge-transport = Edge 전송

## Protocols and formats

-tcp = TCP
-tls = TLS
-rest = REST
-csv = CSV
