# fish completion for sbom-convert
complete -c sbom-convert -l format -x -a 'cyclonedx-json cyclonedx-xml spdx-json spdx-tag-value spdx3-json' -d 'the output format'
complete -c sbom-convert -s o -l output -r -F -d 'write the document to FILE'
complete -c sbom-convert -l loss-report -r -F -d 'write what was lost, as JSON, to FILE'
complete -c sbom-convert -l fail-on-loss -d 'exit 1 when anything was lost'
complete -c sbom-convert -s h -l help -d 'print help and exit'
complete -c sbom-convert -l version -d 'print the version and exit'
