#include <stdio.h>

#define MAX_ROWS 4096

struct scaler {
    float factor;
};

int scale_rows(struct scaler *s, float *rows, int n) {
    if (n > MAX_ROWS) {
        fprintf(stderr, "scale_rows: %d rows is more than the limit of %d\n", n, MAX_ROWS);
        return -1;
    }
    for (int i = 0; i < n; i++) {
        rows[i] *= s->factor;
    }
    return 0;
}
