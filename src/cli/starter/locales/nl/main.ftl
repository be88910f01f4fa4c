-product-family = Example Server
language-name = Nederlands
site-title = Handleiding { -product-family }
support-end = **{ $name }** wordt ondersteund tot { $date }.
user-limit = Eén server bedient maximaal { $count } gebruikers.
about-link = Over deze site
