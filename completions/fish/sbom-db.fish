# fish completion for sbom-db
set -l subs build info query update
complete -c sbom-db -n "not __fish_seen_subcommand_from $subs" -f -a build -d 'build an index from OSV sources'
complete -c sbom-db -n "not __fish_seen_subcommand_from $subs" -f -a info -d 'describe an index'
complete -c sbom-db -n "not __fish_seen_subcommand_from $subs" -f -a query -d 'records of a package and why each affects VERSION'
complete -c sbom-db -n "not __fish_seen_subcommand_from $subs" -f -a update -d 'download OSV zips when changed into the index, keeping its other sources'
complete -c sbom-db -n "__fish_seen_subcommand_from update" -l ecosystem -x -d 'OSV ecosystem to download'
complete -c sbom-db -n "__fish_seen_subcommand_from update" -l base-url -x -d 'where NAME/all.zip are served'
complete -c sbom-db -n "__fish_seen_subcommand_from update" -s o -l output -r -F -d 'index file to replace'
complete -c sbom-db -n "__fish_seen_subcommand_from build" -s o -l output -r -F -d 'index file to write'
complete -c sbom-db -n "__fish_seen_subcommand_from query" -f -a "(sbom-vercmp --list 2>/dev/null | cut -f1)" -d 'ecosystem'
complete -c sbom-db -s h -l help -d 'print help and exit'
complete -c sbom-db -l version -d 'print the version and exit'
