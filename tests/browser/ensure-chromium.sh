#!/usr/bin/env bash
# `npm test` drives Debian's Chromium (never a downloaded browser). Install it when missing and we may.
set -euo pipefail
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi 'wenquanyi\|noto sans cjk'; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium and a CJK font for the browser tests…"
  apt-get update -qq && apt-get install -y -qq chromium fonts-wqy-microhei >/dev/null
  exit 0
fi
if [ ! -x /usr/bin/chromium ]; then
  echo "The browser tests need Debian's Chromium: sudo apt-get install chromium fonts-wqy-microhei" >&2
  exit 1
fi
