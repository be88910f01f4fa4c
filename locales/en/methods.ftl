# Migration methods to Microsoft 365: shown on the roadmap and on each method's own page.
# Every method message gets the same arguments:
#   $version        the source release ("Exchange 2007")
#   $max_mailboxes  the most mailboxes the method can handle (cutover only)
#   $recommended    the strongly recommended maximum (cutover only)
#   $weeks          the longest it should take, in weeks (cutover only)
#   $min_weeks      the least time it needs, in weeks (staged only)
#   $hybrid_version the release needed as hybrid server ("Exchange 2013")
#   $hybrid_count   how many hybrid servers at least
#   $port           the TCP port Microsoft 365 connects on
#   $offline_url    link to "Change how much mail to keep offline"

## Method names

method-cutover = Cutover migration
    .inline = cutover migration
method-staged = Staged migration
    .inline = staged migration
method-full-hybrid = Full hybrid migration
    .inline = full hybrid migration

## Method pages

method-summary-caption = At a glance
method-org-size = Organization size
method-duration = Duration
method-capacity = Capacity
method-capacity-max = Up to { $count ->
        [one] { $count } mailbox
       *[other] { $count } mailboxes
    }; we strongly recommend no more than { $recommended ->
        [one] { $recommended } mailbox
       *[other] { $recommended } mailboxes
    }
method-outlook-profiles = { -outlook } profiles
method-outlook-profiles-new = Users set up new profiles
method-outlook-profiles-kept = Users keep their profiles
method-about-heading = How it works
method-considerations-heading = Things to consider
method-resources-heading = Further reading
method-other-methods = Other migration methods

## Cutover migration

method-cutover-intro = In a cutover migration, you move all your mailboxes, distribution groups, contacts and so on to { -microsoft-365 } at a date and time you pick in advance. Once the migration is done, you shut down your on-premises { -exchange } servers and use { -microsoft-365 } only.
method-cutover-details = A cutover migration suits small organizations that don't have many mailboxes, want to get to { -microsoft-365 } quickly, and want to avoid some of the complexity of the other methods. But it should be finished in { $weeks ->
        [one] a week
       *[other] { $weeks } weeks
    } or less, and users have to reconfigure their { -outlook } profiles. A cutover migration can handle up to { $max_mailboxes } mailboxes, but we strongly recommend that you use it for no more than { $recommended } mailboxes. If you try to move more, you could run out of time to transfer every mailbox before your deadline, and your IT support staff might be swamped with requests to help users reconfigure { -outlook }.
method-cutover-considerations = If you're thinking about a cutover migration, keep these points in mind:
method-cutover-resources = For more about cutover migration, see:

## Staged migration

method-staged-intro = In a staged migration, you have a few hundred or a few thousand mailboxes to move to { -microsoft-365 }, you need { $min_weeks ->
        [one] a week
       *[other] { $min_weeks } weeks
    } or more to complete the move, and you don't need advanced hybrid features such as shared free/busy calendar information.
method-staged-details = A staged migration suits organizations that need more time to move their mailboxes to { -microsoft-365 } but still plan to finish within a few weeks. You move mailboxes in batches, and you decide how many mailboxes, and which ones, move at a given time. For example, you might put the mailboxes of one department in the same batch so that they all move together, or keep executive mailboxes for the last batch. As with a cutover migration, your users will need to recreate their { -outlook } profiles.
method-staged-considerations = If you're thinking about a staged migration, keep these points in mind:
method-staged-resources = For more about staged migration, see:

## Full hybrid migration

method-full-hybrid-intro = In a full hybrid migration, your organization has many hundreds, up to tens of thousands, of mailboxes, and you want to move some or all of them to { -microsoft-365 }. Because these migrations usually take longer, a hybrid setup lets you:
method-full-hybrid-details = A full hybrid migration is the best fit for organizations that expect to stay in a hybrid configuration for many months or longer. Besides the features listed above, you get directory synchronization, better integrated compliance features, and the ability to move mailboxes to and from { -microsoft-365 } with online mailbox moves. { -microsoft-365 } becomes an extension of your on-premises organization.
method-full-hybrid-considerations = If you're thinking about a full hybrid migration, keep these points in mind:
method-full-hybrid-resources = If a full hybrid migration sounds right for you, these resources will help you with it:

## Hybrid capabilities (one message per key of `capabilities` in migration.yaml)

capability-free-busy = Show on-premises users the free/busy calendar information of users in { -microsoft-365 }, and the other way round.
capability-unified-gal = Use one unified global address list with recipients both on-premises and in { -microsoft-365 }.
capability-recipient-properties = See full { -outlook } recipient properties for all users, whether they're on-premises or in { -microsoft-365 }.
capability-secure-transport = Secure email between on-premises { -exchange } servers and { -microsoft-365 } with { -tls } and certificates.
capability-internal-messages = Treat messages sent between on-premises { -exchange } servers and { -microsoft-365 } as internal, so that they:
capability-internal-messages-compliance-agents = Are correctly evaluated and processed by transport and compliance agents that target internal messages.
capability-internal-messages-bypass-anti-spam = Bypass anti-spam filters.

## Considerations (one message per key of `considerations` in migration.yaml)

consideration-connect-source = { -microsoft-365 } needs to connect to your { $version } servers with { -outlook-anywhere } over { -tcp } port { NUMBER($port, useGrouping: "false") }.
consideration-all-mailboxes-moved = All on-premises mailboxes will be moved to { -microsoft-365 }.
consideration-admin-read-access = You need an on-premises administrator account with read access to your users' mailboxes.
consideration-accepted-domains = The { $version } accepted domains that you want to use in { -microsoft-365 } must be added to the service as verified domains.
consideration-periodic-sync = From the moment you start the migration until you begin the completion phase, { -microsoft-365 } regularly synchronizes the { -microsoft-365 } mailboxes with the on-premises ones. That way you can complete the migration without worrying that email is left behind in your on-premises mailboxes.
consideration-periodic-sync-batch = From the moment you start a migration batch until you begin the completion phase, { -microsoft-365 } regularly synchronizes the { -microsoft-365 } and on-premises mailboxes in that batch. That way you can complete the migration without worrying that email is left behind in your on-premises mailboxes.
consideration-temporary-passwords = Users receive new temporary passwords for their { -microsoft-365 } accounts, and must change them the first time they sign in to their mailbox.
consideration-csv-file = You need to create a { -csv } file with the full name and email address of each mailbox you plan to move in a batch. The file must also hold a new password for each of those mailboxes, and you send that password to each user. Users are asked to change it the first time they sign in to their new { -microsoft-365 } mailbox.
consideration-license = Each user mailbox you migrate needs a { -microsoft-365 } license that includes { -exchange-online }.
consideration-new-outlook-profile = Users need to set up a new { -outlook } profile on each of their devices and download their email again. How much email { -outlook } downloads can vary; for more information, see [Change how much mail to keep offline]({ $offline_url }).
consideration-not-for-everyone = A full hybrid migration doesn't suit every organization. Because it is complex, organizations with fewer than a few hundred mailboxes don't usually gain enough to justify the effort and cost of setting it up. If that sounds like your organization, we recommend that you consider a cutover or staged migration instead.
consideration-hybrid-server = You need to deploy { $hybrid_count ->
        [one] at least one { $hybrid_version } server
       *[other] at least { $hybrid_count } { $hybrid_version } servers
    } in your { $version } organization to act as the "hybrid server". It communicates with { -microsoft-365 } on behalf of your { $version } servers.
consideration-connect-hybrid-server = { -microsoft-365 } needs to connect to the "hybrid server" with { -outlook-anywhere } over { -tcp } port { NUMBER($port, useGrouping: "false") }.
consideration-directory-sync = You need to set up directory synchronization between your on-premises { -active-directory } servers and { -microsoft-365 } with { -azure-ad-connect-full }.
consideration-same-sign-in = Users can sign in to their { -microsoft-365 } mailbox with the same user name and password they use on the local network. (This requires { -azure-ad-connect } with password synchronization, { -ad-fs }, or both.)
consideration-keep-outlook-profile = On most of their devices, users don't need to set up a new { -outlook } profile, although some older { -android } phones might need one. Users won't have to download their email again.

# The description of a method's page in search results and link previews.
method-description = { $method } is one way to move to { -microsoft-365 }. Organization size: { $size }. Duration: { $duration }.
