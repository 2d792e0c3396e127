<#
.SYNOPSIS
    Exports one DPM or MABS protection group as a Seedbench inventory (INVENTORY.md, schema version 1).

.DESCRIPTION
    Run on the DPM or MABS server in the DPM Management Shell (or after Import-Module DataProtectionManager).
    Lists the group's datasources with Get-DPMDatasource, takes each one's latest recovery point with
    Get-DPMRecoveryPoint, and writes the inventory the dpm: and mabs: workload sources of Seedbench read.
    A datasource of a type this script does not know stops the export with an error rather than a guess.
    The file is written to a temporary name first and renamed when complete.

.PARAMETER ProtectionGroup
    The protection group's name, as Get-DPMProtectionGroup shows it.

.PARAMETER OutFile
    Where to write the inventory (JSON, UTF-8).

.PARAMETER Product
    DPM or MABS. By default read from the server's setup registry key.

.PARAMETER ReplicaRoot
    Replica folders to use instead of the ones DPM reports, by datasource name:
    @{ 'SQL01\db1' = 'E:\recovery\db1' } (a recovery point copied or mounted elsewhere).

.PARAMETER DPMServerName
    The DPM or MABS server; this computer by default.

.EXAMPLE
    .\Export-ProtectionGroupInventory.ps1 -ProtectionGroup PG-SQL -OutFile C:\seed\pg-sql.json
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory = $true)] [string] $ProtectionGroup,
    [Parameter(Mandatory = $true)] [string] $OutFile,
    [ValidateSet('DPM', 'MABS')] [string] $Product,
    [hashtable] $ReplicaRoot = @{},
    [string] $DPMServerName = $env:COMPUTERNAME
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3

function Get-ServerProduct {
    $setup = Get-ItemProperty -Path 'HKLM:\SOFTWARE\Microsoft\Microsoft Data Protection Manager\Setup' -ErrorAction SilentlyContinue
    $name = if ($setup -and ($setup.PSObject.Properties.Name -contains 'ProductName')) { [string]$setup.ProductName } else { '' }
    $version = if ($setup -and ($setup.PSObject.Properties.Name -contains 'UIVersion')) { [string]$setup.UIVersion } else { 'unknown' }
    $kind = if ($name -match 'Azure Backup Server|MABS') { 'MABS' } else { 'DPM' }
    return @{ Product = $kind; Version = $version }
}

function ConvertTo-SeedbenchType([string] $objectType) {
    switch -Regex ($objectType) {
        'System Protection|System State|Bare Metal|BMR' { return 'SystemState' }
        'SharePoint' { return 'SharePointFarm' }
        'SQL' { return 'SqlDatabase' }
        'Exchange|Storage group|Mailbox Database' { return 'ExchangeDatabase' }
        'Hyper-V' { return 'HyperVVirtualMachine' }
        'VMware' { return 'VMwareVirtualMachine' }
        'Volume|Share|Folder|File' { return 'Volume' }
        default { throw "datasource type '$objectType' is not one Seedbench knows; leave this datasource out of the group or report the type" }
    }
}

function Get-Property($object, [string[]] $names) {
    foreach ($n in $names) {
        if ($object.PSObject.Properties.Name -contains $n -and $null -ne $object.$n -and "$($object.$n)" -ne '') {
            return $object.$n
        }
    }
    return $null
}

$server = Get-ServerProduct
if (-not $Product) { $Product = $server.Product }

$group = Get-DPMProtectionGroup -DPMServerName $DPMServerName | Where-Object { $_.FriendlyName -eq $ProtectionGroup -or $_.Name -eq $ProtectionGroup }
if (-not $group) {
    $names = (Get-DPMProtectionGroup -DPMServerName $DPMServerName | ForEach-Object { $_.FriendlyName }) -join ', '
    throw "protection group '$ProtectionGroup' does not exist on $DPMServerName (groups: $names)"
}

$datasources = @()
foreach ($ds in @(Get-DPMDatasource -ProtectionGroup $group)) {
    $name = [string](Get-Property $ds @('Name', 'DisplayPath', 'LogicalPath'))
    $computer = [string](Get-Property $ds @('Computer', 'ProductionServerName'))
    $type = ConvertTo-SeedbenchType ([string](Get-Property $ds @('ObjectType', 'Type')))
    $size = [long](Get-Property $ds @('ReplicaUsedSpace', 'ReplicaSize'))
    $points = @(Get-DPMRecoveryPoint -Datasource $ds | Sort-Object RepresentedPointInTime)
    $latest = if ($points.Count -gt 0) { $points[-1].RepresentedPointInTime.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ") } else { $null }
    $replica = if ($ReplicaRoot.ContainsKey($name)) { [string]$ReplicaRoot[$name] } else { [string](Get-Property $ds @('ReplicaPath', 'MountPoint')) }
    if (-not $replica) {
        throw "datasource '$name' on ${computer}: DPM reports no replica path; give one with -ReplicaRoot @{ '$name' = 'FOLDER' }"
    }
    $datasources += [ordered]@{
        name                = $name
        type                = $type
        computer            = $computer
        sizeBytes           = $size
        replicaPath         = $replica
        latestRecoveryPoint = $latest
    }
}
if ($datasources.Count -eq 0) {
    throw "protection group '$ProtectionGroup' has no datasources"
}

$inventory = [ordered]@{
    schema          = 'seedbench.protection-group-inventory'
    schemaVersion   = 1
    product         = $Product
    productVersion  = $server.Version
    server          = $DPMServerName
    exported        = (Get-Date).ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ")
    protectionGroup = [ordered]@{
        name        = [string]$group.FriendlyName
        datasources = $datasources
    }
}

$json = ConvertTo-Json -InputObject $inventory -Depth 6
$full = [System.IO.Path]::GetFullPath($OutFile)
$temp = "$full.tmp"
[System.IO.File]::WriteAllText($temp, $json, (New-Object System.Text.UTF8Encoding($false)))
Move-Item -LiteralPath $temp -Destination $full -Force
Write-Output "Wrote $($datasources.Count) datasources of '$ProtectionGroup' ($Product) to $full"
