# fish completion for sbom-check
complete -c sbom-check -s p -l profile -x -a 'ntia-2021 cisa-2025 bsi-tr-03183-2 schema' -d 'profile to check against (repeatable)'
complete -c sbom-check -l format -x -a 'text markdown json' -d 'the report format'
complete -c sbom-check -l schema-dir -x -a '(__fish_complete_directories)' -d 'where the official schemas are'
complete -c sbom-check -l strict -d 'declared unknowns and redactions fail'
complete -c sbom-check -s o -l output -r -F -d 'write the report to FILE'
complete -c sbom-check -s h -l help -d 'print help and exit'
complete -c sbom-check -l version -d 'print the version and exit'
