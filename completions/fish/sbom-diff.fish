# fish completion for sbom-diff
complete -c sbom-diff -l format -x -a 'text markdown json html' -d 'report format'
complete -c sbom-diff -s o -l output -r -F -d 'write the report to FILE'
complete -c sbom-diff -l fail-on-new -x -a 'critical high medium low' -d 'exit 1 on a new finding at or above SEVERITY'
complete -c sbom-diff -l fail-on-added -d 'exit 1 when the latest release adds a component'
complete -c sbom-diff -l allow-unscanned -d 'with --fail-on-new, compare documents that show no vulnerability scan'
complete -c sbom-diff -l report -x -a 'sarif junit gitlab table markdown json github' -d 'also write the new findings as a report: FORMAT[=FILE]'
complete -c sbom-diff -l now -x -d 'the report date: YYYY-MM-DD or RFC 3339'
complete -c sbom-diff -s h -l help -d 'print help and exit'
complete -c sbom-diff -l version -d 'print the version and exit'
complete -c sbom-diff -F
