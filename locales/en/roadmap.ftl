# The end of support roadmap, in the order of the page.
# $version, $source, $target, $fallback: a release name from data ("Exchange 2016").
# $date: a date from data, formatted for the locale. $url: a link target from data.

## Page

# $version: the source release ("Exchange 2007").
roadmap-title = { $version } end of support roadmap
roadmap-description = What the end of support for { $full_name } means for you, and how to plan your move to { -microsoft-365 }, { -office-365 } or { $target }.
roadmap-applies-to = *This article applies to both { -microsoft-365-enterprise } and { -office-365-enterprise }.*
# $full_name: "Exchange Server 2007"; $date: month precision is enough here.
roadmap-intro = { $full_name } reached end of support in { DATETIME($date, year: "numeric", month: "long") }. If you haven't yet started moving from { $version } to { -microsoft-365 }, { -office-365 } or { $target }, now is the time to plan it.

## What end of support means

eos-heading = What does *end of support* mean?
eos-lifecycle = Like nearly every { -microsoft } product, { -exchange-server } has a support lifecycle. During it, we deliver new features, bug fixes, security fixes and more. A lifecycle usually runs for { $years ->
        [one] { $years } year
       *[other] { $years } years
    } from the product's first release, and its end is called the product's *end of support*.
# $date: day precision ("April 11, 2017").
eos-no-longer = Since { $version } reached end of support on { $date }, { -microsoft } no longer provides:
eos-item-technical-support = Technical support for problems that might occur.
eos-item-bug-fixes = Bug fixes for issues that might affect the stability and usability of the server.
eos-item-security-fixes = Security fixes for vulnerabilities that might leave the server open to security breaches.
eos-item-time-zone-updates = Time zone updates.
eos-keeps-running = Your { $version } installation keeps running after its end of support date. But because it gets no more updates or support, we strongly recommend that you migrate away from { $version } as soon as you can.
# $product: "Office 2007".
eos-office = For { $product } servers that are nearing end of support, see [Plan your upgrade from { $product } servers and products]({ $url }).

## Options

options-heading = What are my options?
options-intro = You can:
# $methods: the method names, joined the locale's way.
options-cloud = Migrate to { -microsoft-365 } with one of these methods: { LIST($methods, type: "or") }.
options-on-premises = Migrate your { $version } servers to a newer version of { -exchange } on your own on-premises servers.
options-outro = The sections below look at each option in more detail.

## Migrate to Microsoft 365

cloud-heading = Migrate to { -microsoft-365 }
# $years: age of the technology you leave behind.
cloud-intro = Moving your email to { -microsoft-365 } is the best and simplest way to retire your { $version } deployment. A migration to { -microsoft-365 } takes you in a single hop from { $years }-year-old technology to state-of-the-art features, such as:
cloud-feature-compliance = Compliance capabilities such as { -retention-policies }, { -in-place-hold } and { -litigation-hold }, in-place { -ediscovery }, and more
cloud-feature-groups = { -microsoft-365-groups }
cloud-feature-focused-inbox = { -focused-inbox }
cloud-feature-myanalytics = { -myanalytics }
cloud-feature-rest-apis = { -rest } APIs that give programs access to email, calendars, contacts and more
cloud-new-first = { -microsoft-365 } also gets new features and experiences first, so you and your users can usually start using them straight away. And you no longer have to worry about:
cloud-worry-hardware = Buying and maintaining hardware.
cloud-worry-heating-cooling = Paying to heat and cool your servers.
cloud-worry-fixes = Keeping up with security, product and time zone fixes.
cloud-worry-compliance-storage = Maintaining the storage and software that your compliance requirements call for.
cloud-worry-upgrades = Upgrading to a new version of { -exchange }. With { -microsoft-365 }, you always run the latest version of { -exchange }.

## How should I migrate to Microsoft 365?

choose-heading = How should I migrate to { -microsoft-365 }?
choose-intro = There are a few ways to migrate, and a few things to weigh when you choose one, including:
choose-factor-seats = How many seats or mailboxes you need to move.
choose-factor-duration = How long you want the migration to take.
choose-factor-integration = Whether you need seamless integration between your on-premises installation and { -microsoft-365 } while the migration runs.
choose-table-intro = This table lists the migration methods and the main factors that decide which one to use:
choose-table-caption = Migration methods at a glance
choose-col-method = Migration method
choose-col-org-size = Organization size
choose-col-duration = Duration
choose-outro = The sections below give an overview of each method. For more detail, see [Decide on a migration path]({ $url }).

## Organization sizes and durations (one message per `kind` in migration.yaml)

org-size-fewer-than = Fewer than { $seats ->
        [one] { $seats } seat
       *[other] { $seats } seats
    }
org-size-more-than = More than { $seats ->
        [one] { $seats } seat
       *[other] { $seats } seats
    }
org-size-hundreds-to-thousands = Several hundred to thousands of seats
duration-at-most-weeks = { $weeks ->
        [one] A week or less
       *[other] { $weeks } weeks or less
    }
duration-few-weeks = A few weeks
duration-few-months = A few months or more

## Migrate to a newer version of Exchange Server

onprem-heading = Migrate to a newer version of { -exchange-server }
# $targets: the on-premises target releases, joined the locale's way.
onprem-intro = We firmly believe that { -microsoft-365 } gives you the best value and user experience. We also understand that some organizations need to keep their email on-premises, for example because of regulations, to guarantee that data isn't stored in a datacenter in another country, or for similar reasons. If you keep your email on-premises, you can migrate your { $version } environment to one of these versions: { LIST($targets, type: "or") }.
# $version: the recommended target ("Exchange 2016").
onprem-recommend = If you can't migrate to { -microsoft-365 }, we recommend that you migrate to { $version }. It includes all the features of earlier { -exchange } releases, and it comes closest to the experience of { -microsoft-365 }, although some features are available only in { -microsoft-365 }. Here are just a few of the things you've been missing:
features-caption = New features by release
features-col-release = { -exchange } release
features-col-features = Features
# $version: the release whose features are included too.
features-inherited = Everything in { $version }, plus:

## Features (one message per key of `exchange.features`)

feature-rbac = { -rbac } (permissions without ACLs)
feature-owa-mailbox-policies = { -outlook-web-app } mailbox policies
feature-cross-org-calendar-sharing = Sharing free/busy information and delegating calendars between organizations
# $count: number of server roles; $roles: their names, joined the locale's way.
feature-three-server-roles = A simpler architecture that cuts the number of server roles to { $count } ({ $roles })
feature-dlp-policies = Data loss prevention (DLP) policies that help keep sensitive information from leaking
feature-improved-owa = A better { -outlook-web-app } experience
# $roles: the remaining server roles, joined the locale's way.
feature-two-server-roles = Server roles simplified further, to just { $roles }
feature-improved-dlp-sharepoint = Better DLP, integrated with { -sharepoint }
feature-database-resilience = More resilient databases
feature-online-collaboration = Online document collaboration

## Server roles (one message per key of `exchange.server_roles`)

server-role-mailbox = { -role-mailbox }
server-role-client-access = { -role-client-access }
server-role-edge-transport = { -role-edge-transport }

## Which version should I migrate to?

which-heading = Which version should I migrate to?
# $version: recommended target; $fallback: the next one to try.
which-intro = Start by assuming that you'll migrate to { $version }. Then use the information below to confirm that choice or to rule { $version } out. If { $version } isn't possible for some reason, go through the same steps with { $fallback }, and so on.
which-caption = What to check for each version
which-col-consideration = Consideration
which-col-info = More information

which-eos-label = End of support dates
# $version: the source release.
which-eos-intro = Like { $version }, each version of { -exchange } has its own end of support date:
# A list item: a release and its end of support date.
which-eos-item = { $version }: { $date }
which-eos-outro = The earlier a version's support ends, the sooner you'll have to migrate again.

# $versions: the target releases of one path, joined the locale's way ("Exchange 2010 and Exchange 2013").
which-path-label = Migration path to { $versions }
# $version: the target, or a choice of targets ("Exchange 2010 or Exchange 2013").
which-path-intro = These are the general phases of a migration to { $version }:
# Two releases to choose from.
versions-either = { $first } or { $second }

which-coexistence-label = Version coexistence
# $source: the release being left.
which-coexistence-intro = Whether each version can be installed alongside { $source } servers:
# $version: a target that can join an organization that still has $source servers.
coexistence-yes = You can install { $version } into an existing { $source } organization, so you can add one or more { $version } servers and carry out your migration.
# $version: a target that can't; $intermediates: the releases to go through first;
# $recommended: the intermediate release we strongly recommend.
coexistence-no = { $version } can't be installed in an organization that still contains { $source } servers. You'll first need to migrate to { $intermediates } (we strongly recommend { $recommended }), remove every { $source } server, and only then migrate to { $version }.

which-hardware-label = Server hardware
which-hardware-intro = Server hardware requirements have changed since { $version }, so make sure your hardware is compatible. For details, see:
which-hardware-outro = Thanks to major gains in { -exchange } performance, and the extra computing power and storage of newer servers, you'll probably need fewer servers to support the same number of mailboxes.

which-os-label = Operating system version
which-os-intro = The minimum supported operating system for each version:
which-os-more = For more about operating system support, see [{ -exchange } Supportability Matrix]({ $url }).
which-ad-label = { -active-directory } forest functional level
which-ad-intro = The minimum supported { -active-directory } forest functional level for each version:
which-ad-more = For more about forest functional level support, see [{ -exchange } Supportability Matrix]({ $url }).
which-office-label = { -office } client versions
which-office-intro = The minimum supported { -office } client for each version:
which-office-more = For more about { -office } client support, see [{ -exchange } Supportability Matrix]({ $url }).
# A list item: a release and its minimum (an OS, forest level or Office version from data).
requirement-item = **{ $version }**: { $value }
# $client: an Office version from data ("Office 2010").
office-client-latest-updates = { $client } (with the latest updates)

## Migration steps (one message per `action` in exchange.yaml paths)
## $version: the release the step acts on; $org: the release of the organization it happens in.

step-install = Install { $version } into your existing { $org } organization.
step-move-services = Move services and other infrastructure to { $version }.
step-move-mailboxes = Move mailboxes and public folders to { $version }.
step-decommission = Decommission the remaining { $version } servers.
step-move-everything = Move mailboxes, public folders, services and other infrastructure to { $version }, in any order.
# $from: the intermediate release; $to: the target.
path-intermediate-note = **Note:** Moving from { $from } to { $to } is simple. The two versions have almost the same hardware requirements and are highly compatible, so you can rebuild a server you bought for { $from } and install { $to } on it. With online mailbox moves, most users won't even notice that their mailbox was moved off the server and back again after you rebuilt it with { $to }.

## How do I migrate?

howto-heading = How do I migrate?
howto-intro = If you've decided to keep your email on-premises, these resources will help you with your migration:
resources-ad-schema-changes = { -active-directory } schema changes for each version:
resources-system-requirements = System requirements for each version:
resources-prerequisites = Prerequisites for each version:

## Get help

help-heading = Get help
help-fasttrack = If you're migrating to { -microsoft-365 }, you might be eligible for our { -microsoft-fasttrack } service. { -fasttrack } offers best practices, tools and resources to make your migration to { -microsoft-365 } as smooth as possible. Best of all, a support engineer guides you through the whole migration, from planning and design to moving your last mailbox. For more about { -fasttrack }, see [{ -microsoft-fasttrack }]({ $url }).
help-other = If you run into problems while migrating to { -microsoft-365 } without { -fasttrack }, or while migrating to a newer version of { -exchange-server }, we're here to help. You can use these resources:

## Related topics

related-heading = Related topics

## Link texts (one message per `text` in links.yaml)

link-plan-upgrade-office-2007 = Plan your upgrade from { $product } servers and products
link-decide-migration-path = Decide on a migration path
link-change-mail-offline = Change how much mail to keep offline
link-cutover-what-to-know = What you need to know about a cutover email migration
link-cutover-perform = Perform a cutover migration of email
link-staged-what-to-know = What you need to know about a staged email migration
link-staged-perform = Perform a staged migration of email
link-exchange-deployment-assistant = { -exchange } Deployment Assistant
link-exchange-hybrid-deployments = { -exchange-server } Hybrid Deployments
link-hybrid-configuration-wizard = Hybrid Configuration wizard
link-hybrid-configuration-wizard-faqs = Hybrid Configuration wizard FAQs
link-hybrid-deployment-prerequisites = Hybrid deployment prerequisites
link-exchange-supportability-matrix = { -exchange } Supportability Matrix
# $version: the release the page is about ("Exchange 2016").
link-system-requirements = { $version } system requirements
link-ad-schema-changes = { -active-directory } schema changes for { $version }
link-prerequisites = { $version } prerequisites
link-microsoft-fasttrack = { -microsoft-fasttrack }
link-technical-community = Technical community
link-customer-support = Customer support
link-office-2007-upgrade-resources = Resources to help you upgrade your { $product } servers and clients
