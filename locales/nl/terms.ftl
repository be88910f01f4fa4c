# Beschermde namen: producten, functies en protocollen. Elk bericht gebruikt ze alleen via
# deze termen. Productnamen blijven zoals Microsoft ze in het Nederlands levert; alleen namen
# die Microsoft in de Nederlandse gebruikersinterface vertaalt, zijn hier vertaald.

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

-microsoft-365-groups = Microsoft 365-groepen
-focused-inbox = Postvak IN met prioriteit
-myanalytics = MyAnalytics
-retention-policies = bewaarbeleid
-in-place-hold = In-place bewaring
-litigation-hold = Bewaring voor juridische procedures
-ediscovery = eDiscovery

## Exchange features and server roles

-rbac = Role-Based Access Control
-role-mailbox = Postvak
-role-client-access = Clienttoegang
-role-edge-transport = Edge Transport

## Protocols and formats

-tcp = TCP
-tls = TLS
-rest = REST
-csv = CSV
