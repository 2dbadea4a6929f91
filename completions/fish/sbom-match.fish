# fish completion for sbom-match
complete -c sbom-match -l db -r -F -d 'index file, or OSV all.zip / directory of records'
complete -c sbom-match -s o -l output -r -F -d 'write the document to FILE'
complete -c sbom-match -l format -x -a 'cyclonedx-json cyclonedx-xml spdx-json spdx-tag-value spdx3-json' -d 'write the document as FORMAT'
complete -c sbom-match -l ignore-unfixed -d 'leave out findings without a fixed version'
complete -c sbom-match -l strict -d 'exit 2 when a component cannot be matched'
complete -c sbom-match -s h -l help -d 'print help and exit'
complete -c sbom-match -l version -d 'print the version and exit'
