# fish completion for sbom-db
set -l subs build info query
complete -c sbom-db -n "not __fish_seen_subcommand_from $subs" -f -a build -d 'build an index from OSV sources'
complete -c sbom-db -n "not __fish_seen_subcommand_from $subs" -f -a info -d 'describe an index'
complete -c sbom-db -n "not __fish_seen_subcommand_from $subs" -f -a query -d 'records of a package and why each affects VERSION'
complete -c sbom-db -n "__fish_seen_subcommand_from build" -s o -l output -r -F -d 'index file to write'
complete -c sbom-db -n "__fish_seen_subcommand_from query" -f -a "(sbom-vercmp --list 2>/dev/null | cut -f1)" -d 'ecosystem'
complete -c sbom-db -s h -l help -d 'print help and exit'
complete -c sbom-db -l version -d 'print the version and exit'
