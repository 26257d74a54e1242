/* Measures one poll of the ZFS collector on replayed output: POOLS pools of one raidz2 with
 * VDEVS disks each (defaults 32 and 8), plus 4 deduplicated datasets per pool, through the real
 * runner and tests/tools/zpool_replay.sh. Prints the median, minimum and maximum poll time, the
 * children spawned per poll, the heap one snapshot holds and the process's anonymous memory. */
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/module.h"
#include "zfs/zfs_config.h"
#include "zfs/zfs_model.h"

extern const struct module_ops zfs_module;

static int64_t now_us(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static FILE *open_in(const char *dir, const char *name)
{
        char path[512];
        snprintf(path, sizeof(path), "%s/%s", dir, name);
        FILE *f = fopen(path, "w");
        if (!f) {
                perror(path);
                exit(1);
        }
        return f;
}

static void write_replay(const char *replay, int pools, int vdevs)
{
        FILE *l = open_in(replay, "list.out"), *s = open_in(replay, "status.out"),
             *g = open_in(replay, "get.out");
        for (int p = 0; p < pools; p++) {
                fprintf(l, "pool%02d\t%llu\t%llu\t%llu\t%d\t%d\t1.%02d\tONLINE\n", p,
                        64000000000000ull, 21000000000000ull, 43000000000000ull, p % 40, 33,
                        p % 100);
                fprintf(s,
                        "  pool: pool%02d\n state: ONLINE\n  scan: scrub repaired 0B in 10:11:12 "
                        "with 0 errors on Sun Nov 22 03:24:21 2026\nconfig:\n\n"
                        "\tNAME                          STATE     READ WRITE CKSUM\n"
                        "\tpool%02d                        ONLINE       0     0     0\n"
                        "\t  raidz2-0                    ONLINE       0     0     0\n",
                        p, p);
                for (int v = 0; v < vdevs; v++)
                        fprintf(s,
                                "\t    ata-HGST_HUH721010AL_%04d%02d ONLINE       0     0     0\n",
                                p, v);
                fprintf(s,
                        "\n dedup: DDT entries %d, size 1730 on disk, 216 in core\n\n"
                        "errors: No known data errors\n\n",
                        1000 + p);
                for (int d = 0; d < 4; d++)
                        fprintf(g,
                                "pool%02d/ds%d\tdedup\ton\tlocal\npool%02d/"
                                "ds%d\tcompressratio\t1.%02d\t-\n",
                                p, d, p, d, d);
        }
        fclose(l);
        fclose(s);
        fclose(g);
}

static int cmp_i64(const void *a, const void *b)
{
        int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
        return x < y ? -1 : x > y;
}

static long status_kib(const char *key)
{
        FILE *f = fopen("/proc/self/status", "r");
        char line[256];
        long v = -1;
        while (f && fgets(line, sizeof(line), f))
                if (strncmp(line, key, strlen(key)) == 0)
                        v = strtol(line + strlen(key), NULL, 10);
        if (f)
                fclose(f);
        return v;
}

int main(int argc, char **argv)
{
        int pools = argc > 1 ? atoi(argv[1]) : 32, vdevs = argc > 2 ? atoi(argv[2]) : 8;
        int polls = argc > 3 ? atoi(argv[3]) : 20;
        if (pools < 1 || pools > 99 || vdevs < 1 || vdevs > 99 || polls < 1 || polls > 10000) {
                fprintf(stderr, "usage: %s [POOLS 1..99] [VDEVS 1..99] [POLLS]\n", argv[0]);
                return 2;
        }
        char dir[] = "/tmp/srvh-bench-zfs-XXXXXX", cmd[1024], path[600];
        if (!mkdtemp(dir))
                return 1;
        snprintf(cmd, sizeof(cmd),
                 "mkdir -p '%s/bin/replay' '%s/root/proc/spl/kstat/zfs' && cp '%s' '%s/bin/zpool' "
                 "&& cp '%s' '%s/root/proc/spl/kstat/zfs/arcstats'",
                 dir, dir, SRVH_SOURCE_DIR "/tests/tools/zpool_replay.sh", dir,
                 SRVH_SOURCE_DIR "/tests/fixtures/zfs/kstat/arcstats-2.1.txt", dir);
        if (system(cmd) != 0)
                return 1;
        snprintf(path, sizeof(path), "%s/bin/replay", dir);
        write_replay(path, pools, vdevs);

        struct zfs_config *cfg = zfs_config_ops.new_config();
        char err[256], root[600];
        snprintf(path, sizeof(path), "%s/bin/zpool", dir);
        snprintf(root, sizeof(root), "%s/root", dir);
        if (zfs_config_ops.parse(cfg, "zpoolPath", path, err, sizeof(err)) < 0 ||
            zfs_config_ops.parse(cfg, "zfsPath", path, err, sizeof(err)) < 0)
                return 1;
        struct module_ctx ctx = {.sysroot = root, .config = cfg, .cancel_fd = -1, .wait_fd = -1};
        zfs_module.init(&ctx);

        int64_t *t = calloc((size_t)polls, sizeof(*t));
        size_t heap = 0, pools_seen = 0, vdevs_seen = 0, datasets_seen = 0;
        for (int i = 0; i < polls; i++) {
                size_t before = mallinfo2().uordblks;
                struct snap *s = snap_new();
                s->polled_at = (int64_t)time(NULL);
                int64_t t0 = now_us();
                int r = zfs_module.poll(&ctx, s);
                t[i] = now_us() - t0;
                if (r < 0) {
                        fprintf(stderr, "poll failed: %s\n", s->error_text);
                        return 1;
                }
                heap = mallinfo2().uordblks - before;
                pools_seen = s->tables[0].n;
                vdevs_seen = s->tables[1].n;
                datasets_seen = s->tables[3].n;
                snap_free(s);
        }
        qsort(t, (size_t)polls, sizeof(*t), cmp_i64);
        snprintf(cmd, sizeof(cmd), "%s/bin/replay/calls.log", dir);
        FILE *f = fopen(cmd, "r");
        int calls = 0, c;
        while (f && (c = fgetc(f)) != EOF)
                calls += c == '\n';
        if (f)
                fclose(f);
        printf("%d pools x %d vdevs, %d polls: %zu pool, %zu vdev, %zu dataset rows\n", pools,
               vdevs, polls, pools_seen, vdevs_seen, datasets_seen);
        printf("poll time: median %.1f ms, min %.1f ms, max %.1f ms\n", t[polls / 2] / 1000.0,
               t[0] / 1000.0, t[polls - 1] / 1000.0);
        printf("children per poll: %.1f (zpool list, zpool status, zfs get)\n",
               (double)calls / polls);
        printf("heap held by one snapshot: %zu KiB; process RssAnon after the run %ld KiB\n",
               heap / 1024, status_kib("RssAnon:"));
        zfs_module.teardown(&ctx);
        zfs_config_ops.free_config(cfg);
        free(t);
        snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
        return system(cmd) == 0 ? 0 : 1;
}
