-widget = Widget
language-name = Nederlands
site-title = Handboek { -widget }
support-end = De ondersteuning voor { $name } eindigt in { $date }.
launched = { $name } is uitgebracht op { $date }.
seats = { $count ->
    [one] Maximaal één licentie.
   *[other] Maximaal { $count } licenties.
}
port = Clients maken verbinding via TCP-poort { NUMBER($port, useGrouping: "false") }.
roles = Serverrollen: { $roles }.
note = Let op: { $note }
bold-name = **{ $name }**
