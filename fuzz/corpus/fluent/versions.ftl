# One page per Exchange release (collection `versions`).
# $version: this page's release ("Exchange 2013"); $source: the release being left ("Exchange 2007").

## Page

version-title = { $version }
version-summary-caption = { $version } at a glance
version-eos = End of support
version-min-os = Minimum { -windows-server } version
version-min-ad = Minimum { -active-directory } forest functional level
version-min-office = Minimum { -office } client
version-installs-into-source = Can be installed into an existing { $source } organization
version-installs-yes = Yes
version-installs-no = No

## The source release

# $date: day precision.
version-source-intro = { $full_name } reached end of support on { $date }. Since that date, { -microsoft } no longer provides:
version-source-next = You can move to { -microsoft-365 } or to a newer version of { -exchange-server }:
version-source-cloud = Migrate to { -microsoft-365 } with one of these methods:
version-source-onprem = Or keep your email on-premises with one of these versions:

## A target release

version-target-intro = { $version } is one of the versions you can migrate to from { $source }. Its end of support date is { DATETIME($date, year: "numeric", month: "long") }.
version-recommended = If you can't migrate to { -microsoft-365 }, this is the version we recommend.
version-hybrid-server = A full hybrid migration from { $source } needs { $count ->
        [one] at least one { $version } server
       *[other] at least { $count } { $version } servers
    } in the { $source } organization.
version-features-heading = What's new in { $version }
version-requirements-heading = Minimum requirements
version-coexistence-heading = Coexistence with { $source }
version-path-heading = Migration path from { $source }
version-resources-heading = Resources for { $version }
version-other-versions = Other versions
