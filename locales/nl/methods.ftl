# Migratiemethoden naar Microsoft 365: getoond op de roadmap en op de eigen pagina van elke methode.
# Elk methodebericht krijgt dezelfde argumenten:
#   $version        de release die u verlaat ("Exchange 2007")
#   $max_mailboxes  het maximale aantal postvakken dat de methode aankan (alleen cutover)
#   $recommended    het sterk aanbevolen maximum (alleen cutover)
#   $weeks          de langste duur, in weken (alleen cutover)
#   $min_weeks      de minimaal benodigde tijd, in weken (alleen gefaseerd)
#   $hybrid_version de release die als hybride server nodig is ("Exchange 2013")
#   $hybrid_count   hoeveel hybride servers ten minste
#   $port           de TCP-poort waarop Microsoft 365 verbinding maakt
#   $offline_url    link naar "Wijzigen hoeveel e-mail offline wordt bewaard"

## Method names

method-cutover = Cutover-migratie
    .inline = cutover-migratie
method-staged = Gefaseerde migratie
    .inline = gefaseerde migratie
method-full-hybrid = Volledige hybride migratie
    .inline = volledige hybride migratie

## Method pages

method-summary-caption = In één oogopslag
method-org-size = Grootte van de organisatie
method-duration = Duur
method-capacity = Capaciteit
method-capacity-max = Maximaal { $count ->
        [one] { $count } postvak
       *[other] { $count } postvakken
    }; we raden ten zeerste aan niet meer dan { $recommended ->
        [one] { $recommended } postvak
       *[other] { $recommended } postvakken
    } te migreren
method-outlook-profiles = { -outlook }-profielen
method-outlook-profiles-new = Gebruikers stellen nieuwe profielen in
method-outlook-profiles-kept = Gebruikers behouden hun profielen
method-about-heading = Hoe het werkt
method-considerations-heading = Aandachtspunten
method-resources-heading = Meer informatie
method-other-methods = Andere migratiemethoden

## Cutover migration

method-cutover-intro = Bij een cutover-migratie verplaatst u al uw postvakken, distributiegroepen, contactpersonen enzovoort naar { -microsoft-365 } op een datum en tijdstip die u vooraf kiest. Zodra de migratie is voltooid, sluit u uw on-premises { -exchange }-servers af en gebruikt u alleen nog { -microsoft-365 }.
method-cutover-details = Een cutover-migratie is geschikt voor kleine organisaties die niet veel postvakken hebben, snel naar { -microsoft-365 } willen overstappen en een deel van de complexiteit van de andere methoden willen vermijden. Maar de migratie moet in { $weeks ->
        [one] een week
       *[other] { $weeks } weken
    } of minder zijn voltooid, en gebruikers moeten hun { -outlook }-profielen opnieuw configureren. Een cutover-migratie kan maximaal { $max_mailboxes } postvakken verwerken, maar we raden u ten zeerste aan deze methode voor niet meer dan { $recommended } postvakken te gebruiken. Als u er meer probeert te verplaatsen, kan de tijd opraken om alle postvakken vóór uw deadline over te zetten, en kunnen uw IT-ondersteuningsmedewerkers worden overspoeld met verzoeken om gebruikers te helpen { -outlook } opnieuw te configureren.
method-cutover-considerations = Als u een cutover-migratie overweegt, moet u rekening houden met het volgende:
method-cutover-resources = Zie voor meer informatie over cutover-migratie:

## Staged migration

method-staged-intro = Bij een gefaseerde migratie hebt u een paar honderd of een paar duizend postvakken die u naar { -microsoft-365 } moet verplaatsen, hebt u { $min_weeks ->
        [one] een week
       *[other] { $min_weeks } weken
    } of langer nodig om de overstap te voltooien, en hebt u geen geavanceerde hybride functies nodig, zoals gedeelde vrij/bezet-informatie uit agenda's.
method-staged-details = Een gefaseerde migratie is geschikt voor organisaties die meer tijd nodig hebben om hun postvakken naar { -microsoft-365 } te verplaatsen, maar toch van plan zijn binnen een paar weken klaar te zijn. U verplaatst postvakken in batches, en u bepaalt hoeveel en welke postvakken er op een bepaald moment worden verplaatst. U kunt bijvoorbeeld de postvakken van één afdeling in dezelfde batch zetten, zodat ze allemaal tegelijk worden verplaatst, of de postvakken van leidinggevenden voor de laatste batch bewaren. Net als bij een cutover-migratie moeten uw gebruikers hun { -outlook }-profielen opnieuw maken.
method-staged-considerations = Als u een gefaseerde migratie overweegt, moet u rekening houden met het volgende:
method-staged-resources = Zie voor meer informatie over gefaseerde migratie:

## Full hybrid migration

method-full-hybrid-intro = Bij een volledige hybride migratie heeft uw organisatie vele honderden tot wel tienduizenden postvakken, en wilt u sommige of alle postvakken naar { -microsoft-365 } verplaatsen. Omdat deze migraties meestal langer duren, kunt u met een hybride configuratie:
method-full-hybrid-details = Een volledige hybride migratie past het best bij organisaties die verwachten vele maanden of langer in een hybride configuratie te blijven. Naast de hierboven genoemde functies krijgt u adreslijstsynchronisatie, beter geïntegreerde compliancefuncties en de mogelijkheid om postvakken met onlineverplaatsingen naar en van { -microsoft-365 } te verplaatsen. { -microsoft-365 } wordt een uitbreiding van uw on-premises organisatie.
method-full-hybrid-considerations = Als u een volledige hybride migratie overweegt, moet u rekening houden met het volgende:
method-full-hybrid-resources = Als een volledige hybride migratie u geschikt lijkt, helpen deze bronnen u daarbij:

## Hybrid capabilities (one message per key of `capabilities` in migration.yaml)

capability-free-busy = On-premises gebruikers de vrij/bezet-informatie uit de agenda's van gebruikers in { -microsoft-365 } laten zien, en omgekeerd.
capability-unified-gal = Eén uniforme algemene adreslijst gebruiken met geadresseerden zowel on-premises als in { -microsoft-365 }.
capability-recipient-properties = De volledige eigenschappen van { -outlook }-geadresseerden zien voor alle gebruikers, of die nu on-premises of in { -microsoft-365 } staan.
capability-secure-transport = E-mail tussen on-premises { -exchange }-servers en { -microsoft-365 } beveiligen met { -tls } en certificaten.
capability-internal-messages = Berichten die tussen on-premises { -exchange }-servers en { -microsoft-365 } worden verzonden als intern behandelen, zodat ze:
capability-internal-messages-compliance-agents = Correct worden geëvalueerd en verwerkt door transport- en complianceagents die zich op interne berichten richten.
capability-internal-messages-bypass-anti-spam = Antispamfilters omzeilen.

## Considerations (one message per key of `considerations` in migration.yaml)

consideration-connect-source = { -microsoft-365 } moet met { -outlook-anywhere } via { -tcp }-poort { NUMBER($port, useGrouping: "false") } verbinding maken met uw { $version }-servers.
consideration-all-mailboxes-moved = Alle on-premises postvakken worden naar { -microsoft-365 } verplaatst.
consideration-admin-read-access = U hebt een on-premises beheerdersaccount nodig met leestoegang tot de postvakken van uw gebruikers.
consideration-accepted-domains = De geaccepteerde domeinen van { $version } die u in { -microsoft-365 } wilt gebruiken, moeten als geverifieerde domeinen aan de service worden toegevoegd.
consideration-periodic-sync = Vanaf het moment dat u de migratie start tot u aan de voltooiingsfase begint, synchroniseert { -microsoft-365 } de { -microsoft-365 }-postvakken regelmatig met de on-premises postvakken. Zo kunt u de migratie voltooien zonder dat u zich zorgen hoeft te maken dat er e-mail achterblijft in uw on-premises postvakken.
consideration-periodic-sync-batch = Vanaf het moment dat u een migratiebatch start tot u aan de voltooiingsfase begint, synchroniseert { -microsoft-365 } regelmatig de { -microsoft-365 }-postvakken en on-premises postvakken in die batch. Zo kunt u de migratie voltooien zonder dat u zich zorgen hoeft te maken dat er e-mail achterblijft in uw on-premises postvakken.
consideration-temporary-passwords = Gebruikers krijgen nieuwe tijdelijke wachtwoorden voor hun { -microsoft-365 }-accounts en moeten die wijzigen wanneer ze zich voor het eerst aanmelden bij hun postvak.
consideration-csv-file = U moet een { -csv }-bestand maken met de volledige naam en het e-mailadres van elk postvak dat u in een batch wilt verplaatsen. Het bestand moet ook een nieuw wachtwoord voor elk van die postvakken bevatten, en u stuurt dat wachtwoord naar de betreffende gebruiker. Gebruikers wordt gevraagd het te wijzigen wanneer ze zich voor het eerst aanmelden bij hun nieuwe { -microsoft-365 }-postvak.
consideration-license = Voor elk gebruikerspostvak dat u migreert, is een { -microsoft-365 }-licentie nodig die { -exchange-online } omvat.
consideration-new-outlook-profile = Gebruikers moeten op elk van hun apparaten een nieuw { -outlook }-profiel instellen en hun e-mail opnieuw downloaden. Hoeveel e-mail { -outlook } downloadt, kan verschillen; zie [Wijzigen hoeveel e-mail offline wordt bewaard]({ $offline_url }) voor meer informatie.
consideration-not-for-everyone = Een volledige hybride migratie is niet geschikt voor elke organisatie. Omdat deze migratie complex is, levert ze organisaties met minder dan een paar honderd postvakken meestal niet genoeg op om de moeite en kosten van het inrichten te rechtvaardigen. Als dat op uw organisatie van toepassing is, raden we u aan in plaats daarvan een cutover-migratie of een gefaseerde migratie te overwegen.
consideration-hybrid-server = U moet in uw { $version }-organisatie { $hybrid_count ->
        [one] ten minste één { $hybrid_version }-server
       *[other] ten minste { $hybrid_count } { $hybrid_version }-servers
    } implementeren om als "hybride server" te fungeren. Deze communiceert namens uw { $version }-servers met { -microsoft-365 }.
consideration-connect-hybrid-server = { -microsoft-365 } moet met { -outlook-anywhere } via { -tcp }-poort { NUMBER($port, useGrouping: "false") } verbinding maken met de "hybride server".
consideration-directory-sync = U moet met { -azure-ad-connect-full } adreslijstsynchronisatie instellen tussen uw on-premises { -active-directory }-servers en { -microsoft-365 }.
consideration-same-sign-in = Gebruikers kunnen zich bij hun { -microsoft-365 }-postvak aanmelden met dezelfde gebruikersnaam en hetzelfde wachtwoord die ze op het lokale netwerk gebruiken. (Hiervoor hebt u { -azure-ad-connect } met wachtwoordsynchronisatie, { -ad-fs } of allebei nodig.)
consideration-keep-outlook-profile = Op de meeste van hun apparaten hoeven gebruikers geen nieuw { -outlook }-profiel in te stellen, al hebben sommige oudere { -android }-telefoons er mogelijk wel een nodig. Gebruikers hoeven hun e-mail niet opnieuw te downloaden.

# De beschrijving van de pagina van een methode in zoekresultaten en linkvoorbeelden.
method-description = { $method } is een van de manieren om over te stappen naar { -microsoft-365 }. Grootte van de organisatie: { $size }. Duur: { $duration }.
