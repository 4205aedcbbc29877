#!/bin/sh
# Builds the page into web/dist with the machine's npm (run by the Maven build in generate-resources). Without npm
# the build goes on: the service is whole without its page, and web/dist gets a notice in its place, so the README's
# first command works on a machine with only a JDK and Maven. The page's browser test skips itself then.
set -e
cd "$(dirname "$0")"
if command -v npm >/dev/null 2>&1; then
  npm ci --no-audit --no-fund --prefer-offline
  npm run build
else
  echo "[dashboard] WARNING: no npm on this machine: the dashboard's page is not built (install Node.js with npm and rebuild); its API works without it" >&2
  mkdir -p dist
  cat > dist/index.html <<'HTML'
<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>市级党建数据看板</title></head>
<body><h1>市级党建数据看板</h1>
<p>The page was not built: the machine that built this jar had no npm. Install Node.js with npm and rebuild
(<code>mvn -B -q -DskipTests package</code>); the dashboard's API (<a href="/swagger-ui.html">/swagger-ui.html</a>) works without it.</p>
</body></html>
HTML
fi
