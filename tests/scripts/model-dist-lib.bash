# Helpers of the model-dist-* script tests (sourced): a free TCP port for MASTER_PORT, and a
# skip when ner-train has no Gloo (LibTorch or ner built without it).

# A port nobody listens on now (the kernel's choice for port 0), through perl (a build dependency).
free_port() {
  perl -MIO::Socket::INET -e 'print IO::Socket::INET->new(Listen => 1, LocalAddr => "127.0.0.1", LocalPort => 0)->sockport, "\n"'
}

# Exits 77 when ner-train says this build has no Gloo.
require_gloo() {
  local out
  out=$(RANK=0 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=$(free_port) \
        ner-train -q -t /dev/null -o /dev/null --dist-backend gloo --dist-timeout 1 2>&1)
  case $out in
    *"this build has no gloo"*) echo "ner-train has no Gloo: skipped"; exit 77 ;;
  esac
}
