## Site

# De titel van de site. Geen argumenten: staat ook in de taalkeuze op de hoofdpagina.
site-title = Gids bij het einde van de ondersteuning van { -exchange-server }
# De eigen naam van deze taal, zoals getoond in de taalkeuze.
language-name = Nederlands
skip-to-content = Naar de hoofdinhoud

## Navigation

nav-label = Hoofdmenu
nav-home = Start
nav-roadmap = Roadmap
nav-versions = { -exchange }-versies
nav-methods = Migratiemethoden
nav-about = Over deze gids
language-switcher-label = Taal
language-chooser-title = Kies een taal
toc-title = Op deze pagina
back-to-roadmap = Terug naar de volledige roadmap
site-description = Wat het einde van de ondersteuning van { -exchange-server } betekent, en hoe u overstapt naar { -microsoft-365 } of naar een nieuwere versie op uw eigen servers.
sidebar-title = In deze gids
breadcrumbs-label = U bent hier
pager-label = Vorige en volgende pagina
pager-previous = Vorige
pager-next = Volgende

## Home page

home-intro = { $version } heeft op { $date } het einde van de ondersteuning bereikt. Deze gids legt uit wat dat betekent en wat u nu kunt doen: overstappen naar { -microsoft-365 }, of overstappen naar een nieuwere versie van { -exchange-server } op uw eigen servers.
home-roadmap-link = Lees de volledige roadmap voor het einde van de ondersteuning
home-versions-heading = { -exchange }-versies
home-versions-intro = Elke versie heeft een eigen pagina met de einddatum van de ondersteuning, de minimale vereisten, de nieuwe functies en het migratiepad.
home-methods-heading = Manieren om naar { -microsoft-365 } te migreren
home-methods-intro = Elke methode past bij een andere organisatiegrootte en een ander tijdpad.
# Een versie in een lijst: de einddatum van de ondersteuning volgt op de gekoppelde naam.
home-version-eos = einde van de ondersteuning: { $date }
home-version-source = de versie waarvan u overstapt

## Footer

footer-facts = Elke datum, elk getal, elke versie en elke link op deze site komt uit één set gegevensbestanden; elke taal wordt uit dezelfde feiten gegenereerd.
footer-built-with = Gemaakt met Stele.

## Not found

not-found-title = Pagina niet gevonden
not-found-text = Op dit adres staat geen pagina. Misschien is de pagina verplaatst, of is de link verkeerd getypt.
not-found-home = Naar de startpagina
