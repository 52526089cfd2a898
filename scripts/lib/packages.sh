# Installing missing Debian packages from the build scripts; sourced, not run.
#   ensure_packages WHO PACKAGE...
# Installs only what dpkg does not already have (a second run installs nothing); as root, or says what is
# missing and fails. WHO prefixes its messages (publish-aot, release).
ensure_packages() {
  local who=$1 p missing=()
  shift
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  if [[ $EUID -ne 0 ]]; then
    echo "$who: missing ${missing[*]}; run as root (sudo) so they can be installed." >&2
    return 1
  fi
  echo "$who: installing ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }
}
