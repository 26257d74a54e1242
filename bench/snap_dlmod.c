/* The in-snmpd prototype (bench only, not shipped): an snmpd dlmod serving a snapshot file
 * (snapfile.h) below srvhObjects from snmpd's own process. SRVH_SNAP_FILE names the file;
 * SRVH_SNAP_MODE=mapped maps it read-only and follows the newest file the publisher renames in
 * (looked at once a second at most, no lock on the read path), SRVH_SNAP_MODE=native copies it
 * into the heap once at load, as a table compiled into snmpd would hold it.
 * snmpd.conf: dlmod snap_dlmod /path/to/snap_dlmod.so */
#include <stdlib.h>
#include <string.h>

#include "snap_serve.h"

void init_snap_dlmod(void);
void deinit_snap_dlmod(void);

static struct snap_source src;

void init_snap_dlmod(void)
{
        static const oid root[] = {1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 73, 1};
        const char *path = getenv("SRVH_SNAP_FILE");
        const char *mode = getenv("SRVH_SNAP_MODE");
        bool mapped = mode && strcmp(mode, "mapped") == 0;
        if (!path) {
                snmp_log(LOG_ERR, "snap_dlmod: SRVH_SNAP_FILE is not set; serving nothing\n");
                return;
        }
        if (snap_source_open(&src, path, mapped) < 0 && !mapped)
                return; /* logged; a mapped source may see a good file later */
        if (snap_serve_register("snap_dlmod", root, sizeof(root) / sizeof(root[0]), &src) < 0)
                snmp_log(LOG_ERR, "snap_dlmod: cannot register srvhObjects\n");
        else
                snmp_log(LOG_INFO, "snap_dlmod: serving %s (%s)\n", path,
                         mapped ? "mapped" : "native");
}

void deinit_snap_dlmod(void)
{
        unregister_mib((oid[]){1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 73, 1}, 11);
        snap_source_close(&src);
}
