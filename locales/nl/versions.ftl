# Eén pagina per Exchange-release (collectie `versions`).
# $version: de release van deze pagina ("Exchange 2013"); $source: de release die u verlaat ("Exchange 2007").

## Page

version-title = { $version }
version-summary-caption = { $version } in één oogopslag
version-eos = Einde van de ondersteuning
version-min-os = Minimale versie van { -windows-server }
version-min-ad = Minimaal { -active-directory }-forestfunctionaliteitsniveau
version-min-office = Minimale { -office }-client
version-installs-into-source = Kan worden geïnstalleerd in een bestaande { $source }-organisatie
version-installs-yes = Ja
version-installs-no = Nee

## The source release

# $date: op de dag nauwkeurig.
version-source-intro = { $full_name } heeft op { $date } het einde van de ondersteuning bereikt. Sinds die datum biedt { -microsoft } niet langer:
version-source-next = U kunt overstappen naar { -microsoft-365 } of naar een nieuwere versie van { -exchange-server }:
version-source-cloud = Migreer naar { -microsoft-365 } met een van deze methoden:
version-source-onprem = Of houd uw e-mail on-premises met een van deze versies:

## A target release

version-target-intro = { $version } is een van de versies waarnaar u vanaf { $source } kunt migreren. De einddatum van de ondersteuning is { DATETIME($date, year: "numeric", month: "long") }.
version-recommended = Als u niet naar { -microsoft-365 } kunt migreren, is dit de versie die we aanraden.
version-hybrid-server = Voor een volledige hybride migratie vanaf { $source } hebt u { $count ->
        [one] ten minste één { $version }-server
       *[other] ten minste { $count } { $version }-servers
    } in de { $source }-organisatie nodig.
version-features-heading = Nieuw in { $version }
version-requirements-heading = Minimale vereisten
version-coexistence-heading = Coëxistentie met { $source }
version-path-heading = Migratiepad vanaf { $source }
version-resources-heading = Bronnen voor { $version }
version-other-versions = Andere versies
