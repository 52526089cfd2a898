#!/usr/bin/env bash
# Writes pxekit(1), gzip -9n, from the --help texts of a pxekit binary: the help is the one description of the
# options, and the page is rebuilt from it with every package, so the two cannot drift.
#   scripts/make-manpage.sh PXEKIT_BINARY OUTPUT.1.gz [VERSION]
set -euo pipefail
bin=$1 out=$2 version=${3:-$("$bin" --version | cut -d+ -f1)}

# roff: a backslash is an escape, and a line starting with '.' or "'" a request; both are written literally.
literal() { sed -e 's/\\/\\e/g' -e "s/^\\([.']\\)/\\\\\\&\\1/"; }

commands=$("$bin" --help | awk '/^Commands:/ { on = 1; next } on && /^  [a-z]+ / { print $1 }')
{
  printf '.TH PXEKIT 1 "" "pxekit %s" "User Commands"\n' "$version"
  printf '.SH NAME\npxekit \\- PXE boot server (DHCP, proxyDHCP, TFTP, HTTP) and a lab that shows why a boot fails\n'
  printf '.SH SYNOPSIS\n.B pxekit\n.I command\n[\\fIoptions\\fR]\n'
  printf '.SH DESCRIPTION\n.nf\n'
  "$bin" --help | literal
  printf '.fi\n'
  for c in $commands; do
    printf '.SH "PXEKIT %s"\n.nf\n' "${c^^}"
    "$bin" "$c" --help | literal
    printf '.fi\n'
  done
  printf '.SH FILES\n.TP\n.I /etc/pxekit/pxekit.yaml\nThe configuration the pxekit service serves with.\n'
  printf '.TP\n.I /var/lib/pxekit/leases.db\nThe leases, kept across restarts and upgrades.\n'
  printf '.SH "SEE ALSO"\n.BR systemctl (1),\n.BR journalctl (1)\n'
} | gzip -9n > "$out"
