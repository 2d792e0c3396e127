# Issue [1/7] 6a (damaged catalog, backups, restore), 6b (one run per job), 6d (a vault that lost a pack),
# 6j (--data naming a file; seed-vault rerun on a seeded job), 6k (a backup after a vault pack is lost) and
# 7 (a typo in --data): the catalog, job locks and the data directory.
catalog_file=$SEEDBENCH_DATA/catalog.mv.db

# 6a: a damaged catalog is named, never written over, and a backup puts it back
init_job cat-a
"$sb" jobs > /dev/null 2>&1 # the second process on a catalog takes its daily backup
cp "$catalog_file" "$work/catalog-good"
size=$(stat -c %s "$work/catalog-good")
for damage in emptied half flipped; do
    cp "$work/catalog-good" "$catalog_file"
    case $damage in
    emptied) : > "$catalog_file" ;;
    half) truncate -s $((size / 2)) "$catalog_file" ;;
    flipped) # H2 keeps its file header twice: flip a byte of both copies
        for at in 0 4096; do
            printf "$(printf '\\%03o' $(( $(od -An -tu1 -j$at -N1 "$catalog_file") ^ 16 )))" \
                | dd of="$catalog_file" bs=1 seek=$at conv=notrunc 2> /dev/null
        done ;;
    esac
    cp "$catalog_file" "$work/catalog-damaged"
    "$sb" jobs > "$work/jobs.out" 2> "$work/jobs.err"
    code=$?
    init_code=1
    if [ "$damage" = emptied ]; then # the one today's H2 would take for a new catalog and write over
        init_job cat-z
        init_code=$?
    fi
    if [ "$code" -eq 1 ] && [ "$init_code" -eq 1 ] && [ "$(grep -c . "$work/jobs.err")" -eq 1 ] \
        && grep -qF "catalog file $catalog_file is damaged" "$work/jobs.err" && ! grep -q "No jobs" "$work/jobs.out" \
        && cmp -s "$catalog_file" "$work/catalog-damaged"; then
        ok "6a catalog $damage: exit 1, nothing written: $(cat "$work/jobs.err")"
    else
        fail "6a catalog $damage: jobs exit $code, init exit $init_code, $(head -c 400 "$work/jobs.err")"
    fi
done
backup=$("$sb" catalog backups --json | json 'd[0]["backup"] if d else ""')
if [ -n "$backup" ] && "$sb" catalog restore "$backup" > "$work/restore.out" 2>&1 \
    && [ "$(state cat-a)" = Draft ]; then
    ok "6a catalog restore $backup: $(head -1 "$work/restore.out")"
else
    fail "6a catalog restore '$backup': $(head -c 400 "$work/restore.out")"
fi

# 6j, 7: --data naming a file; a data directory without a catalog is not given one
refused "6j --data naming a file" "is a file" "$sb" jobs --data "$work/init-cat-a.log"
refused "7 --data with a typo" "holds no catalog, so no job 'cat-a'" "$sb" status cat-a --data "$work/dtaa"
check "7 --data with a typo creates nothing" test ! -e "$work/dtaa"

# 6b: a second stage of a job in use is refused before it writes, naming the process that holds the job
for attempt in 1 2 3; do
    job=cat-b$attempt
    init_job "$job"
    "$sb" stage "$job" > "$work/stage-first.log" 2>&1 &
    first=$!
    lock=$SEEDBENCH_DATA/locks/$job.lock
    holder=
    while kill -0 "$first" 2> /dev/null && [ -z "$holder" ]; do
        holder=$(sed -n 's/^pid=//p' "$lock" 2> /dev/null)
        [ -n "$holder" ] || sleep 0.02
    done
    if [ -n "$holder" ] && kill -STOP "$holder" 2> /dev/null; then
        refused "6b a second stage while PID $holder stages $job" "is in use by PID $holder (seedbench stage)" \
            "$sb" stage "$job"
        kill -CONT "$holder"
        wait "$first"
        check "6b the first stage of $job ends well" test $? -eq 0
        check "6b the seed of $job is stored once" \
            test "$("$sb" snapshots "$job" --json | json 'len(d)')" -eq 1
        break
    fi
    wait "$first"
    [ "$attempt" -lt 3 ] || fail "6b the first stage ended before it could be held still (3 attempts)"
done

# 6d, 6j, 6k on the demo's trip (seeded, backed up, cleaned up), in a data directory of its own
demo=$work/data-40-demo
if "$sb" demo --data "$demo" > "$work/demo.log" 2>&1; then
    job=$(sed -n 's/^Cleaned up \(demo-[0-9]*\).*/\1/p' "$work/demo.log" | head -1)
    again=$("$sb" seed-vault "$job" --data "$demo" 2>&1)
    check "6j seed-vault on a job done already: exit 0, $again" \
        test "$?" -eq 0 -a -n "$(echo "$again" | grep 'is seeded already')"
    vault=$demo/cloud/accounts/seedbenchdemo/seedbench-vault/$job
    pack=$(cd "$vault" && find packs -type f | sort | head -1)
    rm -f "$vault/$pack"
    "$sb" backup "$job" --data "$demo" --passphrase-file "$demo/demo-passphrase" > "$work/backup.out" 2>&1
    code=$?
    "$sb" restore "$job" --from vault --target "$work/restored-40" --data "$demo" \
        --passphrase-file "$demo/demo-passphrase" > "$work/restore-40.out" 2>&1
    rcode=$?
    if [ "$code" -eq 4 ] && grep -qF "pack ${pack##*/} is missing" "$work/backup.out" && [ "$rcode" -eq 0 ] \
        && diff -r "$demo/dataset" "$work/restored-40" > /dev/null; then
        ok "6k backup after the vault lost $pack: exit 4, lost chunks stored again, the new snapshot restores whole"
    else
        fail "6k backup after the vault lost $pack: exit $code, restore exit $rcode, $(tail -3 "$work/backup.out")"
    fi
    rm -f "$vault/$pack"
    "$sb" seed-vault "$job" --data "$demo" > "$work/lost.out" 2> "$work/lost.err"
    code=$?
    if [ "$code" -eq 1 ] && [ "$(grep -c . "$work/lost.err")" -eq 1 ] && grep -qF "$pack" "$work/lost.err"; then
        ok "6d seed-vault names what the vault lost with staging gone: $(cut -c1-300 "$work/lost.err")"
    else
        fail "6d seed-vault with a lost pack and no staging: exit $code, $(head -c 400 "$work/lost.err")"
    fi
else
    fail "6d/6k the demo did not run: $(tail -3 "$work/demo.log")"
fi
