# fish completion for sbom-gen
complete -c sbom-gen -s o -l output -r -d 'write the SBOM to FILE'
complete -c sbom-gen -l platform -x -a 'linux/amd64 linux/arm64 linux/arm/v7 linux/arm/v6 linux/386 linux/ppc64le linux/s390x linux/riscv64' -d 'image of a multi-platform index'
complete -c sbom-gen -l scope -x -a 'squashed all-layers' -d 'final filesystem or every layer'
complete -c sbom-gen -l spec-version -x -a '1.4 1.5 1.6 1.7' -d 'CycloneDX version to write'
complete -c sbom-gen -l format -x -a 'cyclonedx-json cyclonedx-xml spdx-json spdx-tag-value spdx3-json' -d 'write the SBOM as FORMAT'
complete -c sbom-gen -l max-file-size -x -d 'skip package databases larger than SIZE'
complete -c sbom-gen -l max-inflated -x -d "inflate at most SIZE bytes from the image's jars"
complete -c sbom-gen -l max-nested-archives -x -d 'read at most N archives nested in jars'
complete -c sbom-gen -l strict -d 'an unreadable package database is an error'
complete -c sbom-gen -s q -l quiet -d 'no progress bar on stderr'
complete -c sbom-gen -s h -l help -d 'show help'
complete -c sbom-gen -l version -d 'show version'
