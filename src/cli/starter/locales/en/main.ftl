-product-family = Example Server
language-name = English
site-title = { -product-family } guide
support-end = **{ $name }** is supported until { $date }.
user-limit = One server handles up to { $count } users.
about-link = About this site
