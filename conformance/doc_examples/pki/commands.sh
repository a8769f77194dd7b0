# The openssl commands of the Node tls docs ("TLS/SSL Concepts"), as the
# docs give them.  tests/test_doc_examples.py runs them one by one in a
# folder holding a ca-cert.pem, answering the prompts on stdin (req: the
# defaults; pkcs12: the export password pfx_server.js uses), and makes the
# same four files with the cryptography package where openssl is missing.
openssl genrsa -out ryans-key.pem 2048
openssl req -new -sha256 -key ryans-key.pem -out ryans-csr.pem
openssl x509 -req -in ryans-csr.pem -signkey ryans-key.pem -out ryans-cert.pem
openssl pkcs12 -export -in ryans-cert.pem -inkey ryans-key.pem \
      -certfile ca-cert.pem -out ryans.pfx
