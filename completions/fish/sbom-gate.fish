# fish completion for sbom-gate
complete -c sbom-gate -l fail-on -x -a 'critical high medium low none' -d 'fail on a finding at or above SEVERITY'
complete -c sbom-gate -l max -x -d 'count limits, e.g. critical=0,high=3'
complete -c sbom-gate -l fixable-only -d 'count only findings with a known fixed version'
complete -c sbom-gate -l unknown-as -x -a 'critical high medium low' -d 'count findings without a rating as SEVERITY'
complete -c sbom-gate -l severity-source -x -a 'vendor,cvss,max nvd,cvss max' -d 'rating sources tried in order'
complete -c sbom-gate -l policy -r -F -d 'policy file (JSON)'
complete -c sbom-gate -l top -x -d 'how many findings the summary lists'
complete -c sbom-gate -l fail-on-kev -d "fail on a finding in CISA's KEV catalog"
complete -c sbom-gate -l epss-min -x -d 'fail on a finding whose EPSS score is at least SCORE (0 to 1)'
complete -c sbom-gate -l epss-percentile-min -x -d 'fail on a finding whose EPSS percentile is at least P (0 to 1)'
complete -c sbom-gate -l summary-format -x -a 'text json markdown' -d 'summary format'
complete -c sbom-gate -l summary -r -F -d 'write the summary to FILE'
complete -c sbom-gate -s o -l output -r -F -d 'write the document to FILE'
complete -c sbom-gate -s h -l help -d 'print help and exit'
complete -c sbom-gate -l version -d 'print the version and exit'
complete -c sbom-gate -F
complete -c sbom-gate -l allow-unscanned -d 'check a document that shows no vulnerability scan instead of exiting 2'
