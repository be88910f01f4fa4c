# De roadmap voor het einde van de ondersteuning, in de volgorde van de pagina.
# $version, $source, $target, $fallback: een releasenaam uit de gegevens ("Exchange 2016").
# $date: een datum uit de gegevens, opgemaakt voor de taal. $url: een linkdoel uit de gegevens.

## Page

# $version: de release die u verlaat ("Exchange 2007").
roadmap-title = Roadmap voor het einde van de ondersteuning van { $version }
roadmap-description = Wat het einde van de ondersteuning van { $full_name } voor u betekent en hoe u uw overstap naar { -microsoft-365 }, { -office-365 } of { $target } plant.
roadmap-applies-to = *Dit artikel is van toepassing op zowel { -microsoft-365-enterprise } als { -office-365-enterprise }.*
# $full_name: "Exchange Server 2007"; $date: op de maand nauwkeurig.
roadmap-intro = { $full_name } heeft in { DATETIME($date, year: "numeric", month: "long") } het einde van de ondersteuning bereikt. Als u nog niet bent begonnen met de overstap van { $version } naar { -microsoft-365 }, { -office-365 } of { $target }, is het nu tijd om die te plannen.

## What end of support means

eos-heading = Wat betekent *einde van de ondersteuning*?
eos-lifecycle = Zoals bijna elk { -microsoft }-product heeft { -exchange-server } een ondersteuningslevenscyclus. Tijdens die levenscyclus leveren we nieuwe functies, bugfixes, beveiligingsfixes en meer. Een levenscyclus duurt meestal { $years ->
        [one] { $years } jaar
       *[other] { $years } jaar
    } vanaf de eerste release van het product, en het einde ervan heet het *einde van de ondersteuning* van het product.
# $date: op de dag nauwkeurig ("11 april 2017").
eos-no-longer = Sinds { $version } op { $date } het einde van de ondersteuning heeft bereikt, biedt { -microsoft } niet langer:
eos-item-technical-support = Technische ondersteuning bij problemen die zich kunnen voordoen.
eos-item-bug-fixes = Bugfixes voor problemen die de stabiliteit en bruikbaarheid van de server kunnen aantasten.
eos-item-security-fixes = Beveiligingsfixes voor kwetsbaarheden waardoor de server open kan komen te staan voor beveiligingsinbreuken.
eos-item-time-zone-updates = Tijdzone-updates.
eos-keeps-running = Uw { $version }-installatie blijft na de einddatum van de ondersteuning werken. Maar omdat deze geen updates of ondersteuning meer krijgt, raden we u ten zeerste aan zo snel mogelijk van { $version } te migreren.
# $product: "Office 2007".
eos-office = Zie [Uw upgrade van { $product }-servers en -producten plannen]({ $url }) voor { $product }-servers die het einde van de ondersteuning naderen.

## Options

options-heading = Welke opties heb ik?
options-intro = U kunt:
# $methods: de namen van de methoden, samengevoegd zoals de taal dat doet.
options-cloud = Migreren naar { -microsoft-365 } met een van deze methoden: { LIST($methods, type: "or") }.
options-on-premises = Uw { $version }-servers migreren naar een nieuwere versie van { -exchange } op uw eigen on-premises servers.
options-outro = In de volgende secties wordt elke optie uitgebreider besproken.

## Migrate to Microsoft 365

cloud-heading = Migreren naar { -microsoft-365 }
# $years: de leeftijd van de technologie die u achter u laat.
cloud-intro = Uw e-mail naar { -microsoft-365 } verplaatsen is de beste en eenvoudigste manier om uw { $version }-implementatie buiten gebruik te stellen. Met een migratie naar { -microsoft-365 } gaat u in één stap van { $years } jaar oude technologie naar de modernste functies, zoals:
cloud-feature-compliance = Compliancemogelijkheden zoals { -retention-policies }, { -in-place-hold } en { -litigation-hold }, in-place { -ediscovery } en meer
cloud-feature-groups = { -microsoft-365-groups }
cloud-feature-focused-inbox = { -focused-inbox }
cloud-feature-myanalytics = { -myanalytics }
cloud-feature-rest-apis = { -rest }-API's die programma's toegang geven tot e-mail, agenda's, contactpersonen en meer
cloud-new-first = { -microsoft-365 } krijgt nieuwe functies en ervaringen ook als eerste, zodat u en uw gebruikers ze meestal meteen kunnen gebruiken. En u hoeft zich geen zorgen meer te maken over:
cloud-worry-hardware = Het aanschaffen en onderhouden van hardware.
cloud-worry-heating-cooling = Het betalen voor verwarming en koeling van uw servers.
cloud-worry-fixes = Het bijhouden van beveiligings-, product- en tijdzonefixes.
cloud-worry-compliance-storage = Het onderhouden van de opslag en software die nodig zijn voor uw compliancevereisten.
cloud-worry-upgrades = Het upgraden naar een nieuwe versie van { -exchange }. Met { -microsoft-365 } werkt u altijd met de nieuwste versie van { -exchange }.

## How should I migrate to Microsoft 365?

choose-heading = Hoe migreer ik het best naar { -microsoft-365 }?
choose-intro = Er zijn een paar manieren om te migreren, en bij uw keuze moet u een paar dingen afwegen, waaronder:
choose-factor-seats = Hoeveel werkplekken of postvakken u moet verplaatsen.
choose-factor-duration = Hoelang de migratie mag duren.
choose-factor-integration = Of u tijdens de migratie naadloze integratie tussen uw on-premises installatie en { -microsoft-365 } nodig hebt.
choose-table-intro = In deze tabel ziet u de migratiemethoden en de belangrijkste factoren die bepalen welke methode u gebruikt:
choose-table-caption = Migratiemethoden in één oogopslag
choose-col-method = Migratiemethode
choose-col-org-size = Grootte van de organisatie
choose-col-duration = Duur
choose-outro = In de volgende secties vindt u een overzicht van elke methode. Zie [Een migratiepad kiezen]({ $url }) voor meer informatie.

## Organization sizes and durations (one message per `kind` in migration.yaml)

org-size-fewer-than = Minder dan { $seats ->
        [one] { $seats } werkplek
       *[other] { $seats } werkplekken
    }
org-size-more-than = Meer dan { $seats ->
        [one] { $seats } werkplek
       *[other] { $seats } werkplekken
    }
org-size-hundreds-to-thousands = Enkele honderden tot duizenden werkplekken
duration-at-most-weeks = { $weeks ->
        [one] Een week of minder
       *[other] { $weeks } weken of minder
    }
duration-few-weeks = Een paar weken
duration-few-months = Een paar maanden of langer

## Migrate to a newer version of Exchange Server

onprem-heading = Migreren naar een nieuwere versie van { -exchange-server }
# $targets: de on-premises doelreleases, samengevoegd zoals de taal dat doet.
onprem-intro = We zijn ervan overtuigd dat { -microsoft-365 } u de beste waarde en gebruikerservaring biedt. We begrijpen ook dat sommige organisaties hun e-mail on-premises moeten houden, bijvoorbeeld vanwege regelgeving, om te garanderen dat gegevens niet worden opgeslagen in een datacenter in een ander land, of om vergelijkbare redenen. Als u uw e-mail on-premises houdt, kunt u uw { $version }-omgeving migreren naar een van deze versies: { LIST($targets, type: "or") }.
# $version: het aanbevolen doel ("Exchange 2016").
onprem-recommend = Als u niet naar { -microsoft-365 } kunt migreren, raden we u aan naar { $version } te migreren. Deze versie bevat alle functies van eerdere { -exchange }-releases en komt het dichtst bij de ervaring van { -microsoft-365 }, al zijn sommige functies alleen in { -microsoft-365 } beschikbaar. Dit zijn maar een paar van de dingen die u tot nu toe hebt gemist:
features-caption = Nieuwe functies per release
features-col-release = { -exchange }-release
features-col-features = Functies
# $version: de release waarvan de functies ook zijn inbegrepen.
features-inherited = Alles uit { $version }, plus:

## Features (one message per key of `exchange.features`)

feature-rbac = { -rbac } (machtigingen zonder ACL's)
feature-owa-mailbox-policies = Postvakbeleid voor { -outlook-web-app }
feature-cross-org-calendar-sharing = Vrij/bezet-informatie delen en agenda's delegeren tussen organisaties
# $count: aantal serverrollen; $roles: hun namen, samengevoegd zoals de taal dat doet.
feature-three-server-roles = Een eenvoudigere architectuur die het aantal serverrollen terugbrengt tot { $count } ({ $roles })
feature-dlp-policies = Beleid voor preventie van gegevensverlies (DLP) dat helpt voorkomen dat gevoelige informatie uitlekt
feature-improved-owa = Een betere { -outlook-web-app }-ervaring
# $roles: de overgebleven serverrollen, samengevoegd zoals de taal dat doet.
feature-two-server-roles = Serverrollen nog verder vereenvoudigd, tot alleen { $roles }
feature-improved-dlp-sharepoint = Betere DLP, geïntegreerd met { -sharepoint }
feature-database-resilience = Robuustere databases
feature-online-collaboration = Online samenwerken aan documenten

## Server roles (one message per key of `exchange.server_roles`)

server-role-mailbox = { -role-mailbox }
server-role-client-access = { -role-client-access }
server-role-edge-transport = { -role-edge-transport }

## Which version should I migrate to?

which-heading = Naar welke versie moet ik migreren?
# $version: aanbevolen doel; $fallback: de volgende die u probeert.
which-intro = Ga er eerst van uit dat u naar { $version } migreert. Gebruik daarna de onderstaande informatie om die keuze te bevestigen of om { $version } uit te sluiten. Als { $version } om een of andere reden niet mogelijk is, doorloopt u dezelfde stappen met { $fallback }, enzovoort.
which-caption = Wat u per versie moet controleren
which-col-consideration = Aandachtspunt
which-col-info = Meer informatie

which-eos-label = Einddatums van de ondersteuning
# $version: de release die u verlaat.
which-eos-intro = Net als { $version } heeft elke versie van { -exchange } een eigen einddatum van de ondersteuning:
# Een lijstitem: een release en de einddatum van de ondersteuning.
which-eos-item = { $version }: { $date }
which-eos-outro = Hoe eerder de ondersteuning van een versie eindigt, hoe eerder u opnieuw moet migreren.

# $versions: de doelreleases van één pad, samengevoegd zoals de taal dat doet ("Exchange 2010 en Exchange 2013").
which-path-label = Migratiepad naar { $versions }
# $version: het doel, of een keuze uit doelen ("Exchange 2010 of Exchange 2013").
which-path-intro = Dit zijn de algemene fasen van een migratie naar { $version }:
# Twee releases waaruit u kiest.
versions-either = { $first } of { $second }

which-coexistence-label = Coëxistentie van versies
# $source: de release die u verlaat.
which-coexistence-intro = Per versie of deze naast { $source }-servers kan worden geïnstalleerd:
# $version: een doel dat kan worden toegevoegd aan een organisatie die nog $source-servers heeft.
coexistence-yes = U kunt { $version } installeren in een bestaande { $source }-organisatie, zodat u een of meer { $version }-servers kunt toevoegen en uw migratie kunt uitvoeren.
# $version: een doel dat dat niet kan; $intermediates: de releases die u eerst doorloopt;
# $recommended: de tussenrelease die we ten zeerste aanraden.
coexistence-no = { $version } kan niet worden geïnstalleerd in een organisatie die nog { $source }-servers bevat. U moet eerst migreren naar { $intermediates } (we raden { $recommended } ten zeerste aan), alle { $source }-servers verwijderen en pas daarna naar { $version } migreren.

which-hardware-label = Serverhardware
which-hardware-intro = De hardwarevereisten voor servers zijn sinds { $version } gewijzigd, dus controleer of uw hardware compatibel is. Zie voor meer informatie:
which-hardware-outro = Dankzij grote prestatieverbeteringen in { -exchange } en de extra rekenkracht en opslag van nieuwere servers hebt u waarschijnlijk minder servers nodig voor hetzelfde aantal postvakken.

which-os-label = Versie van het besturingssysteem
which-os-intro = Het minimaal ondersteunde besturingssysteem per versie:
which-os-more = Zie [{ -exchange } Supportability Matrix]({ $url }) voor meer informatie over de ondersteuning van besturingssystemen.
which-ad-label = { -active-directory }-forestfunctionaliteitsniveau
which-ad-intro = Het minimaal ondersteunde { -active-directory }-forestfunctionaliteitsniveau per versie:
which-ad-more = Zie [{ -exchange } Supportability Matrix]({ $url }) voor meer informatie over de ondersteuning van forestfunctionaliteitsniveaus.
which-office-label = { -office }-clientversies
which-office-intro = De minimaal ondersteunde { -office }-client per versie:
which-office-more = Zie [{ -exchange } Supportability Matrix]({ $url }) voor meer informatie over de ondersteuning van { -office }-clients.
# Een lijstitem: een release en het minimum (een besturingssysteem, forestniveau of Office-versie uit de gegevens).
requirement-item = **{ $version }**: { $value }
# $client: een Office-versie uit de gegevens ("Office 2010").
office-client-latest-updates = { $client } (met de nieuwste updates)

## Migration steps (one message per `action` in exchange.yaml paths)
## $version: de release waarop de stap betrekking heeft; $org: de release van de organisatie waarin die plaatsvindt.

step-install = Installeer { $version } in uw bestaande { $org }-organisatie.
step-move-services = Verplaats services en andere infrastructuur naar { $version }.
step-move-mailboxes = Verplaats postvakken en openbare mappen naar { $version }.
step-decommission = Stel de resterende { $version }-servers buiten bedrijf.
step-move-everything = Verplaats postvakken, openbare mappen, services en andere infrastructuur naar { $version }, in willekeurige volgorde.
# $from: de tussenrelease; $to: het doel.
path-intermediate-note = **Opmerking:** De overstap van { $from } naar { $to } is eenvoudig. De twee versies hebben bijna dezelfde hardwarevereisten en zijn zeer compatibel, dus u kunt een server die u voor { $from } hebt aangeschaft opnieuw inrichten en er { $to } op installeren. Dankzij onlineverplaatsingen van postvakken merken de meeste gebruikers niet eens dat hun postvak van de server is verplaatst en weer is teruggezet nadat u de server opnieuw hebt ingericht met { $to }.

## How do I migrate?

howto-heading = Hoe migreer ik?
howto-intro = Als u hebt besloten uw e-mail on-premises te houden, helpen deze bronnen u bij uw migratie:
resources-ad-schema-changes = Wijzigingen in het { -active-directory }-schema per versie:
resources-system-requirements = Systeemvereisten per versie:
resources-prerequisites = Vereisten per versie:

## Get help

help-heading = Hulp krijgen
help-fasttrack = Als u naar { -microsoft-365 } migreert, komt u mogelijk in aanmerking voor onze { -microsoft-fasttrack }-service. { -fasttrack } biedt best practices, hulpprogramma's en bronnen om uw migratie naar { -microsoft-365 } zo soepel mogelijk te laten verlopen. En het mooiste is dat een ondersteuningstechnicus u door de hele migratie begeleidt, van planning en ontwerp tot het verplaatsen van uw laatste postvak. Zie [{ -microsoft-fasttrack }]({ $url }) voor meer informatie over { -fasttrack }.
help-other = Als u problemen ondervindt tijdens een migratie naar { -microsoft-365 } zonder { -fasttrack }, of tijdens een migratie naar een nieuwere versie van { -exchange-server }, staan we voor u klaar. U kunt deze bronnen gebruiken:

## Related topics

related-heading = Verwante onderwerpen

## Link texts (one message per `text` in links.yaml)

link-plan-upgrade-office-2007 = Uw upgrade van { $product }-servers en -producten plannen
link-decide-migration-path = Een migratiepad kiezen
link-change-mail-offline = Wijzigen hoeveel e-mail offline wordt bewaard
link-cutover-what-to-know = Wat u moet weten over een cutover-e-mailmigratie
link-cutover-perform = Een cutover-migratie van e-mail uitvoeren
link-staged-what-to-know = Wat u moet weten over een gefaseerde e-mailmigratie
link-staged-perform = Een gefaseerde migratie van e-mail uitvoeren
link-exchange-deployment-assistant = { -exchange }-implementatieassistent
link-exchange-hybrid-deployments = Hybride implementaties van { -exchange-server }
link-hybrid-configuration-wizard = Wizard Hybride configuratie
link-hybrid-configuration-wizard-faqs = Veelgestelde vragen over de wizard Hybride configuratie
link-hybrid-deployment-prerequisites = Vereisten voor een hybride implementatie
link-exchange-supportability-matrix = { -exchange } Supportability Matrix
# $version: de release waarover de pagina gaat ("Exchange 2016").
link-system-requirements = Systeemvereisten voor { $version }
link-ad-schema-changes = Wijzigingen in het { -active-directory }-schema voor { $version }
link-prerequisites = Vereisten voor { $version }
link-microsoft-fasttrack = { -microsoft-fasttrack }
link-technical-community = Technische community
link-customer-support = Klantondersteuning
link-office-2007-upgrade-resources = Bronnen voor het upgraden van uw { $product }-servers en -clients
