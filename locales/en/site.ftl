## Site

# The site title. It takes no arguments: it also appears on the root language chooser.
site-title = { -exchange-server } end of support guide
# This language's own name, as shown in the language switcher.
language-name = English
skip-to-content = Skip to main content

## Navigation

nav-label = Main
nav-home = Home
nav-roadmap = Roadmap
nav-versions = { -exchange } versions
nav-methods = Migration methods
nav-about = About this guide
language-switcher-label = Language
language-chooser-title = Choose a language
toc-title = On this page
back-to-roadmap = Back to the full roadmap
site-description = What the end of support for { -exchange-server } means, and how to move to { -microsoft-365 } or to a newer version on your own servers.
sidebar-title = In this guide
breadcrumbs-label = You are here
pager-label = Previous and next page
pager-previous = Previous
pager-next = Next

## Home page

home-intro = { $version } reached end of support on { $date }. This guide explains what that means and what you can do next: move to { -microsoft-365 }, or move to a newer version of { -exchange-server } on your own servers.
home-roadmap-link = Read the full end of support roadmap
home-versions-heading = { -exchange } versions
home-versions-intro = Each version has its own page with its end of support date, minimum requirements, new features and migration path.
home-methods-heading = Ways to migrate to { -microsoft-365 }
home-methods-intro = Each method suits a different organization size and timeline.
# A version in a list: its end of support date follows the linked name.
home-version-eos = end of support: { $date }
home-version-source = the version you are leaving

## Footer

footer-facts = Every date, number, version and link on this site comes from one set of data files; each language is generated from the same facts.
footer-built-with = Built with Stele.

## Not found

not-found-title = Page not found
not-found-text = There's no page at this address. It may have moved, or the link may be mistyped.
not-found-home = Go to the home page
