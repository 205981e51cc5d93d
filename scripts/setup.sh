#!/usr/bin/env bash
# Sets up a fresh machine with Node >= 20 and npm: pnpm, the workspace's packages, a Chromium
# for the browser tests (Debian's, when no browser is found), and a build.
set -euo pipefail
cd "$(dirname "$0")/.."

PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version)" != "$PNPM_VERSION" ]; then
  echo "setup: installing pnpm $PNPM_VERSION"
  npm install --global --no-fund --no-audit "pnpm@$PNPM_VERSION" >/dev/null
fi

# The browser tests use $YIQI_CHROMIUM, else Playwright's own browser, else /usr/bin/chromium.
if [ -z "${YIQI_CHROMIUM:-}" ] && [ ! -x /usr/bin/chromium ] && ! ls "${PLAYWRIGHT_BROWSERS_PATH:-$HOME/.cache/ms-playwright}"/chromium* >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing Debian's chromium for the browser tests"
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: no Chromium found; install one (npx playwright install chromium) or set YIQI_CHROMIUM" >&2
  fi
fi

# Screenshots of the harness show Chinese client chrome (一起用, 加入, ...): make sure a CJK font
# is there, or they come out as empty boxes.
if command -v apt-get >/dev/null 2>&1 && ! (command -v fc-list >/dev/null 2>&1 && fc-list :lang=zh | grep -q .); then
  echo "setup: installing a CJK font (fonts-noto-cjk) for legible screenshots"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  ($SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq fonts-noto-cjk >/dev/null) ||
    echo "setup: could not install fonts-noto-cjk; screenshots may show boxes for Chinese text" >&2
fi

pnpm install --frozen-lockfile
pnpm build
