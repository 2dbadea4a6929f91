# fish completion for sbom-vercmp
function __sbom_vercmp_positionals
  set -l n 0
  for w in (commandline -opc)[2..-1]
    string match -q -- '-*' $w; or set n (math $n + 1)
  end
  echo $n
end
complete -c sbom-vercmp -f
complete -c sbom-vercmp -l check -d 'check lines A < B from FILE or stdin'
complete -c sbom-vercmp -l list -d 'list accepted ecosystem names and their schemes'
complete -c sbom-vercmp -s h -l help -d 'print help and exit'
complete -c sbom-vercmp -l version -d 'print the version and exit'
complete -c sbom-vercmp -n 'test (__sbom_vercmp_positionals) = 0' -a '(sbom-vercmp --list 2>/dev/null | string split -f1 \t)' -d ecosystem
complete -c sbom-vercmp -n '__fish_seen_argument -l check; and test (__sbom_vercmp_positionals) = 1' -F
complete -c sbom-vercmp -n 'not __fish_seen_argument -l check; and test (__sbom_vercmp_positionals) = 2' -a 'lt le eq ge gt' -d operator
