# Issue [1/7] items 2 and 6j (inputs): init checks the staging location (a share not mounted, inside a source,
# under a file) and never turns //server/share into a local folder; a job name with a newline, a plan with an
# unknown or repeated key or text for a number, a DPM inventory whose replica path climbs out with '..' are
# refused: exit 3, one line, nothing written.
inputs=$work/inputs
mkdir -p "$inputs"
new_job() { # name staging [more init options…]
    "$sb" init --name "$1" --staging "$2" --storage-account safetyacct --container seed \
        --subscription 00000000-0000-4000-8000-000000000011 --location westeurope "${@:3}"
}
no_jobs() { [ "$("$sb" jobs --json | json 'len(d)')" = 0 ]; }

unc=//seedbench-safety-unmounted/share/stage
refused "init --staging $unc (a share not mounted here)" "names a network share that is not mounted on this computer" \
    new_job unc01 "$unc" --workload "files:$dataset"
check "the share did not become a local folder /seedbench-safety-unmounted" test ! -e /seedbench-safety-unmounted
refused "init --staging inside the source" "lies inside the source folder" \
    new_job inside01 "$dataset/stage" --workload "files:$dataset"
check "nothing was created in the source" test ! -e "$dataset/stage"
echo "not a folder" > "$inputs/file"
refused "init --staging under a file" "on its path is a file, not a folder" \
    new_job file01 "$inputs/file/stage" --workload "files:$dataset"
refused "init --name with a newline" "import job name 'seed\\nnl01': holds a control character" \
    new_job "$(printf 'seed\nnl01')" "$inputs/stage" --workload "files:$dataset"

# a DPM inventory whose replica path climbs out of its folder to /etc/ssh
mkdir -p "$inputs/pg"
cat > "$inputs/pg/inventory.json" <<'EOF'
{
  "schema": "seedbench.protection-group-inventory", "schemaVersion": 1, "product": "DPM",
  "productVersion": "10.22.123.0", "server": "DPM01.contoso.com", "exported": "2026-12-01T22:00:00Z",
  "protectionGroup": { "name": "PG-FS", "datasources": [
    { "name": "D:\\", "type": "Volume", "computer": "FS01.contoso.com", "sizeBytes": 1000,
      "replicaPath": "../../../../../../../../etc/ssh" } ] }
}
EOF
refused "init with a DPM inventory whose replicaPath climbs out with '..'" \
    "datasource 1 (D:\\): replicaPath '../../../../../../../../etc/ssh' climbs out with '..'" \
    new_job dpm01 "$inputs/stage" --workload "dpm:$inputs/pg/inventory.json"

# plans: an unknown top-level member, a key given twice, text where a number belongs
plan_job="\"name\": \"plan01\", \"staging\": \"$inputs/stage\", \"storageAccount\": \"safetyacct\", \"container\": \"seed\",
  \"subscription\": \"00000000-0000-4000-8000-000000000011\", \"location\": \"westeurope\",
  \"workloads\": [\"files:$dataset\"], \"steps\": [\"init\"]"
printf '{"seedbenchPlan": 1, "jobz": [], "jobs": [{%s}]}\n' "$plan_job" > "$inputs/unknown.json"
refused "run-plan with an unknown top-level key" "plan jobz: is not a member of a plan" "$sb" run-plan "$inputs/unknown.json"
printf '{"seedbenchPlan": 1, "jobs": [{%s, "name": "plan02"}]}\n' "$plan_job" > "$inputs/duplicate.json"
refused "run-plan with a key given twice" "has the key 'name' twice in one object" "$sb" run-plan "$inputs/duplicate.json"
printf '{"seedbenchPlan": 1, "jobs": [{%s, "waitMinutes": "ten"}]}\n' "$plan_job" > "$inputs/ten.json"
refused "run-plan with waitMinutes \"ten\"" "plan jobs[0].waitMinutes 'ten': is not a number of minutes" \
    "$sb" run-plan "$inputs/ten.json"
check "no job was created and no staging folder written by the refusals" eval 'no_jobs && test ! -e "$inputs/stage"'

# a good location is checked and left as it was; the job keeps it
check "init with a staging location to create passes and leaves nothing behind" \
    eval 'new_job good01 "$inputs/stage" --workload "files:$dataset" > /dev/null && test ! -e "$inputs/stage"'
