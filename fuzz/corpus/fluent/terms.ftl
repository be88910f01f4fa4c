# Protected names: products, features and protocols that a translation must keep
# exactly. Every message uses them only through these terms.
#
# How facts reach the prose (one approach, used everywhere):
# - A product *family* name is a term: { -exchange }, { -exchange-server }, { -microsoft-365 }.
# - A product *release* is data, passed whole as a string placeable: { $version } is
#   "Exchange 2013" (data `exchange.versions.<key>.name`), never { -exchange } + "2013".
#   A release number can then never be read as a year, dropped, or translated.
# - Operating system, forest functional level and Office client levels are data strings
#   too ("Windows Server 2012", "Office 2003"), passed as { $value } / { $client }.
# - Dates, counts, ports and URLs are data placeables: { $date }, { $count }, { $port }, { $url }.
#   Dates are formatted per locale; counts are grouped unless NUMBER(..., useGrouping: "false").
# Translators: translate the values of these terms only where the product is officially
# sold under a local name; otherwise keep them as they are.

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

-microsoft-365-groups = Microsoft 365 Groups
-focused-inbox = Focused Inbox
-myanalytics = MyAnalytics
-retention-policies = Retention Policies
-in-place-hold = In-Place Hold
-litigation-hold = Litigation Hold
-ediscovery = eDiscovery

## Exchange features and server roles

-rbac = Role-Based Access Control
-role-mailbox = Mailbox
-role-client-access = Client Access
-role-edge-transport = Edge Transport

## Protocols and formats

-tcp = TCP
-tls = TLS
-rest = REST
-csv = CSV
