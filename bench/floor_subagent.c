/* The floor of the library (bench only): the smallest libnetsnmpagent AgentX subagent, serving
 * the instances of a snapshot file (snapfile.h) from the heap below srvhObjects. What it costs
 * per request is net-snmp's subagent path alone; srvhealthd against it is our share.
 * Usage: floor_subagent FILE AGENTX_SOCKET (runs until SIGTERM) */
#include <signal.h>
#include <stdio.h>

#include "snap_serve.h"

static volatile sig_atomic_t stop;
static void on_term(int sig)
{
        (void)sig;
        stop = 1;
}

int main(int argc, char **argv)
{
        if (argc != 3) {
                fprintf(stderr, "usage: floor_subagent FILE AGENTX_SOCKET\n");
                return 2;
        }
        static const oid root[] = {1, 3, 6, 1, 4, 1, 8072, 9999, 9999, 73, 1};
        static struct snap_source src;
        snmp_enable_stderrlog();
        netsnmp_ds_set_boolean(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_ROLE, 1);
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
        netsnmp_ds_set_string(NETSNMP_DS_APPLICATION_ID, NETSNMP_DS_AGENT_X_SOCKET, argv[2]);
        init_agent("floor_subagent");
        if (snap_source_open(&src, argv[1], false) < 0 ||
            snap_serve_register("floor", root, sizeof(root) / sizeof(root[0]), &src) < 0) {
                fprintf(stderr, "floor_subagent: cannot serve %s\n", argv[1]);
                return 1;
        }
        init_snmp("floor_subagent");
        struct sigaction sa = {.sa_handler = on_term};
        sigaction(SIGTERM, &sa, NULL);
        sigaction(SIGINT, &sa, NULL);
        while (!stop)
                agent_check_and_process(1);
        snmp_shutdown("floor_subagent");
        snap_source_close(&src);
        return 0;
}
