/* Measures the smart module's read of one replayed disk: smart_read_blob() on a blob file, N
 * times, against a baseline in the same run (libatasmart opening the blob and walking its
 * attributes once, the least any reader built on it does). Prints both and their ratio. */
#include <stddef.h> /* Debian's atasmart.h uses size_t without including it */

#include <atasmart.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "smart/smart_read.h"

static int64_t now_ns(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void count_attr(SkDisk *d, const SkSmartAttributeParsedData *a, void *userdata)
{
        (void)d;
        (void)a;
        (*(unsigned *)userdata)++;
}

static unsigned baseline_read(const void *blob, size_t len)
{
        SkDisk *d = NULL;
        unsigned n = 0;
        if (sk_disk_open(NULL, &d) < 0)
                return 0;
        if (sk_disk_set_blob(d, blob, len) == 0 && sk_disk_smart_read_data(d) == 0)
                (void)sk_disk_smart_parse_attributes(d, count_attr, &n);
        sk_disk_free(d);
        return n;
}

int main(int argc, char **argv)
{
        if (argc < 2) {
                fprintf(stderr, "usage: bench_smart_read BLOB [READS]\n");
                return 2;
        }
        int reads = argc > 2 ? atoi(argv[2]) : 200;
        static unsigned char blob[65536];
        FILE *f = fopen(argv[1], "rb");
        if (!f) {
                perror(argv[1]);
                return 1;
        }
        size_t len = fread(blob, 1, sizeof(blob), f);
        fclose(f);

        struct smart_reading *r = malloc(sizeof(*r));
        if (!r)
                return 1;
        unsigned attrs = 0;
        int64_t t0 = now_ns();
        for (int i = 0; i < reads; i++)
                attrs = baseline_read(blob, len);
        int64_t t1 = now_ns();
        for (int i = 0; i < reads; i++)
                (void)smart_read_blob(blob, len, r);
        int64_t t2 = now_ns();
        if (r->status != SMART_READ_OK) {
                fprintf(stderr, "bench_smart_read: %s: %s\n", argv[1], r->error);
                return 1;
        }
        double base = (double)(t1 - t0) / reads / 1000, ours = (double)(t2 - t1) / reads / 1000;
        printf("%u attributes, %d reads\n", attrs, reads);
        printf("baseline (open + one attribute walk): %.1f us per disk\n", base);
        printf("smart_read_blob: %.1f us per disk\n", ours);
        printf("ratio: %.2f\n", ours / base);
        free(r);
        return 0;
}
