/* GET latency as a manager sees it (bench only): COUNT SNMPv2c GETs of one OID, one after the
 * other over one session, each timed on CLOCK_MONOTONIC; prints one line per GET, its
 * microseconds, for the caller to pool rounds and take percentiles. Fails on any error answer.
 * Usage: get_latency HOST:PORT OID COUNT */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <net-snmp/net-snmp-config.h>
#include <net-snmp/net-snmp-includes.h>

static long long now_us(void)
{
        struct timespec ts;
        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

int main(int argc, char **argv)
{
        if (argc != 4) {
                fprintf(stderr, "usage: get_latency HOST:PORT OID COUNT\n");
                return 2;
        }
        netsnmp_ds_set_boolean(NETSNMP_DS_LIBRARY_ID, NETSNMP_DS_LIB_DONT_READ_CONFIGS, 1);
        init_snmp("get_latency");
        netsnmp_session in, *ss;
        snmp_sess_init(&in);
        in.peername = argv[1];
        in.version = SNMP_VERSION_2c;
        in.community = (u_char *)"public";
        in.community_len = 6;
        in.timeout = 5000000;
        in.retries = 0;
        if (!(ss = snmp_open(&in))) {
                snmp_perror("get_latency: snmp_open");
                return 1;
        }
        oid name[MAX_OID_LEN];
        size_t len = MAX_OID_LEN;
        if (!read_objid(argv[2], name, &len)) {
                fprintf(stderr, "get_latency: bad OID %s\n", argv[2]);
                return 2;
        }
        long count = strtol(argv[3], NULL, 10);
        for (long i = 0; i < count; i++) {
                netsnmp_pdu *pdu = snmp_pdu_create(SNMP_MSG_GET), *resp = NULL;
                snmp_add_null_var(pdu, name, len);
                long long t0 = now_us();
                int st = snmp_synch_response(ss, pdu, &resp);
                long long dt = now_us() - t0;
                if (st != STAT_SUCCESS || !resp || resp->errstat != SNMP_ERR_NOERROR ||
                    !resp->variables || resp->variables->type == SNMP_NOSUCHOBJECT ||
                    resp->variables->type == SNMP_NOSUCHINSTANCE) {
                        fprintf(stderr, "get_latency: GET %s failed\n", argv[2]);
                        return 1;
                }
                snmp_free_pdu(resp);
                printf("%lld\n", dt);
        }
        snmp_close(ss);
        return 0;
}
