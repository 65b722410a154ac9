/* Built and run by `cargo test -p ember-capi` via tests/run_smoke.sh */
#include <assert.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

#include "ember.h"

int main(int argc, char **argv) {
    const char *dir = argc > 1 ? argv[1] : "/tmp/ember-smoke";
    ember_options_t *opts = ember_options_new();
    ember_options_set_sync(opts, EMBER_SYNC_FULL);
    ember_db_t *db = NULL;
    int rc = ember_open(dir, opts, &db);
    ember_options_free(opts);
    if (rc != EMBER_OK) {
        fprintf(stderr, "ember_open: %s\n", ember_last_error());
        return 1;
    }
    rc = ember_put(db, (const uint8_t *)"k", 1, (const uint8_t *)"v", 1);
    assert(rc == EMBER_OK);

    uint8_t *val = NULL;
    size_t val_len = 0;
    rc = ember_get(db, (const uint8_t *)"k", 1, &val, &val_len);
    assert(rc == EMBER_OK && val_len == 1 && val[0] == 'v');
    ember_free(val);

    rc = ember_get(db, (const uint8_t *)"missing", 7, &val, &val_len);
    assert(rc == EMBER_ERR_NOT_FOUND);

    ember_iter_t *it = ember_iter_new(db);
    int n = 0;
    for (ember_iter_seek_to_first(it); ember_iter_valid(it); ember_iter_next(it)) {
        n++;
    }
    ember_iter_free(it);
    assert(n == 1);

    ember_close(db);
    printf("ok (ember %s)\n", ember_version());
    return 0;
}
