#!/usr/bin/env bash
# System tools some tests drive, from Debian, installed when missing (the first step of `pnpm test`):
#   /usr/bin/aws       awscli v2: `aws apigatewaymanagementapi post-to-connection` against the local
#                      gateway, and the offline check of the deploy commands the docs show
#   /usr/bin/chromium  the chat page's end-to-end test (playwright-core never downloads a browser)
#   /usr/bin/wsdump    the docs' wsdump transcripts are replayed against `wsapp local`
# Without root or apt-get it only says what is missing; the tests that need a tool then fail
# with a message naming it.
set -uo pipefail

missing=()
[ -x /usr/bin/aws ] || missing+=(awscli)
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/wsdump ] || missing+=(python3-websocket)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages the tests need: ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" && exit 0
  echo "warning: could not install ${missing[*]}; the tests that need them will fail" >&2
else
  echo "warning: missing Debian packages ${missing[*]} (install them with apt-get as root); the tests that need them will fail" >&2
fi
exit 0
