'use strict';

// tls.checkServerIdentity(hostname, cert) on certificate objects made by
// hand: undefined on success, an Error with reason, host and cert else.
const tls = require('tls');

function show(host, cert) {
  const err = tls.checkServerIdentity(host, cert);
  if (err === undefined) {
    console.log(host, '-> ok');
  } else {
    console.log(host, '->', err instanceof Error, err.code, err.reason,
                err.host, err.cert === cert);
  }
}

const wildcard = {
  subject: { CN: '*.nodejs.org' },
  subjectaltname: 'DNS:*.nodejs.org, DNS:nodejs.org',
};
show('nodejs.org', wildcard);
show('www.nodejs.org', wildcard);
show('a.b.nodejs.org', wildcard);
show('example.com', wildcard);
show('127.0.0.1', { subject: { CN: '127.0.0.1' },
                    subjectaltname: 'IP Address:127.0.0.1' });
show('127.0.0.2', { subject: { CN: '127.0.0.1' },
                    subjectaltname: 'IP Address:127.0.0.1' });
show('cn-only.test', { subject: { CN: 'cn-only.test' } });
show('CN-Only.TEST', { subject: { CN: 'cn-only.test' } });
show('ignored-cn.test', { subject: { CN: 'ignored-cn.test' },
                          subjectaltname: 'DNS:other.test' });
