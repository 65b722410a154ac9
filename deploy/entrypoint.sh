#!/bin/sh
# The image's entrypoint. fly.io (like most hosts) mounts a fresh volume over /data owned by
# root, which hides the image's own /data: started as root, hand /data to the bot's user, then
# run the bot as that user. Started as any other user (docker run --user), run it directly.
set -eu
if [ "$(id -u)" = 0 ]; then
    chown coordinator:coordinator /data
    exec setpriv --reuid=coordinator --regid=coordinator --init-groups -- coordinator "$@"
fi
exec coordinator "$@"
