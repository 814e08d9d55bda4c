import { compareText } from '../core/text.js';
import type { Rule } from './rule.js';
import addUrlChecksum from './dockerfile/add-url-checksum.js';
import apkNoCache from './dockerfile/apk-no-cache.js';
import apkPinVersions from './dockerfile/apk-pin-versions.js';
import aptGetYes from './dockerfile/apt-get-yes.js';
import aptListsCleanup from './dockerfile/apt-lists-cleanup.js';
import aptNoInstallRecommends from './dockerfile/apt-no-install-recommends.js';
import aptPinVersions from './dockerfile/apt-pin-versions.js';
import consistentInstructionCasing from './dockerfile/consistent-instruction-casing.js';
import copyMultiSourceDestSlash from './dockerfile/copy-multi-source-dest-slash.js';
import copyRelativeDestNeedsWorkdir from './dockerfile/copy-relative-dest-needs-workdir.js';
import definitionDescription from './dockerfile/definition-description.js';
import dnfCleanAll from './dockerfile/dnf-clean-all.js';
import dnfPinVersions from './dockerfile/dnf-pin-versions.js';
import dnfYes from './dockerfile/dnf-yes.js';
import exposeInvalidFormat from './dockerfile/expose-invalid-format.js';
import exposeProtoCasing from './dockerfile/expose-proto-casing.js';
import exposeValidPort from './dockerfile/expose-valid-port.js';
import fromAsCasing from './dockerfile/from-as-casing.js';
import gemPinVersions from './dockerfile/gem-pin-versions.js';
import goPinVersions from './dockerfile/go-pin-versions.js';
import instructionBeforeFrom from './dockerfile/instruction-before-from.js';
import invalidDefaultArgInFrom from './dockerfile/invalid-default-arg-in-from.js';
import invalidJsonForm from './dockerfile/invalid-json-form.js';
import jsonArgsRecommended from './dockerfile/json-args-recommended.js';
import labelEmail from './dockerfile/label-email.js';
import labelGitHash from './dockerfile/label-git-hash.js';
import labelKeyFormat from './dockerfile/label-key-format.js';
import labelNotEmpty from './dockerfile/label-not-empty.js';
import labelRfc3339 from './dockerfile/label-rfc3339.js';
import labelSemver from './dockerfile/label-semver.js';
import labelSpdx from './dockerfile/label-spdx.js';
import labelUrl from './dockerfile/label-url.js';
import legacyKeyValueFormat from './dockerfile/legacy-key-value-format.js';
import noApt from './dockerfile/no-apt.js';
import noCd from './dockerfile/no-cd.js';
import noConsecutiveRun from './dockerfile/no-consecutive-run.js';
import noConstantPlatformFlag from './dockerfile/no-constant-platform-flag.js';
import noCopyFromSelf from './dockerfile/no-copy-from-self.js';
import noCopyIgnoredFile from './dockerfile/no-copy-ignored-file.js';
import noCopyWholeStage from './dockerfile/no-copy-whole-stage.js';
import noCurlAndWget from './dockerfile/no-curl-and-wget.js';
import noDeleteInLaterLayer from './dockerfile/no-delete-in-later-layer.js';
import noDuplicateStageName from './dockerfile/no-duplicate-stage-name.js';
import noEmptyContinuation from './dockerfile/no-empty-continuation.js';
import noEnvSelfReference from './dockerfile/no-env-self-reference.js';
import noInlineIgnorePragma from './dockerfile/no-inline-ignore-pragma.js';
import noInsecureRunFlags from './dockerfile/no-insecure-run-flags.js';
import noIrrelevantCommands from './dockerfile/no-irrelevant-commands.js';
import noLatestTag from './dockerfile/no-latest-tag.js';
import noLnBinSh from './dockerfile/no-ln-bin-sh.js';
import noMaintainer from './dockerfile/no-maintainer.js';
import noMultipleInstructions from './dockerfile/no-multiple-instructions.js';
import noOnbuildForbiddenTrigger from './dockerfile/no-onbuild-forbidden-trigger.js';
import noPackageCacheInLayer from './dockerfile/no-package-cache-in-layer.js';
import noRedundantTargetPlatform from './dockerfile/no-redundant-target-platform.js';
import noRemoteScriptPipe from './dockerfile/no-remote-script-pipe.js';
import noReservedStageName from './dockerfile/no-reserved-stage-name.js';
import noRootUser from './dockerfile/no-root-user.js';
import noSecretsInArgOrEnv from './dockerfile/no-secrets-in-arg-or-env.js';
import noSecretsInValues from './dockerfile/no-secrets-in-values.js';
import noSourceCopyBeforeInstall from './dockerfile/no-source-copy-before-install.js';
import noSudo from './dockerfile/no-sudo.js';
import noUndefinedArgInFrom from './dockerfile/no-undefined-arg-in-from.js';
import noUndefinedVar from './dockerfile/no-undefined-var.js';
import noUnknownCopyFrom from './dockerfile/no-unknown-copy-from.js';
import noUnknownLabels from './dockerfile/no-unknown-labels.js';
import noWeakenedVerification from './dockerfile/no-weakened-verification.js';
import noWorldWritable from './dockerfile/no-world-writable.js';
import noZypperDistUpgrade from './dockerfile/no-zypper-dist-upgrade.js';
import npmPinVersions from './dockerfile/npm-pin-versions.js';
import numericUser from './dockerfile/numeric-user.js';
import pipNoCacheDir from './dockerfile/pip-no-cache-dir.js';
import pipPinVersions from './dockerfile/pip-pin-versions.js';
import preferAddForLocalArchive from './dockerfile/prefer-add-for-local-archive.js';
import preferCacheMount from './dockerfile/prefer-cache-mount.js';
import preferCopyOverAdd from './dockerfile/prefer-copy-over-add.js';
import preferMultiStage from './dockerfile/prefer-multi-stage.js';
import requireAbsoluteWorkdir from './dockerfile/require-absolute-workdir.js';
import requireDockerignore from './dockerfile/require-dockerignore.js';
import requireHealthcheck from './dockerfile/require-healthcheck.js';
import requireImageTag from './dockerfile/require-image-tag.js';
import requirePipefail from './dockerfile/require-pipefail.js';
import requiredLabels from './dockerfile/required-labels.js';
import shellcheck from './dockerfile/shellcheck.js';
import stageNameCasing from './dockerfile/stage-name-casing.js';
import syntaxError from './dockerfile/syntax-error.js';
import trustedRegistries from './dockerfile/trusted-registries.js';
import useraddNoLogInit from './dockerfile/useradd-no-log-init.js';
import wgetProgress from './dockerfile/wget-progress.js';
import yarnCacheClean from './dockerfile/yarn-cache-clean.js';
import yumCleanAll from './dockerfile/yum-clean-all.js';
import yumPinVersions from './dockerfile/yum-pin-versions.js';
import yumYes from './dockerfile/yum-yes.js';
import zypperClean from './dockerfile/zypper-clean.js';
import zypperNonInteractive from './dockerfile/zypper-non-interactive.js';
import zypperPinVersions from './dockerfile/zypper-pin-versions.js';
import noDuplicateFiles from './image/no-duplicate-files.js';
import noHiddenLayerBytes from './image/no-hidden-layer-bytes.js';
import noPackageCacheInImage from './image/no-package-cache-in-image.js';
import noToolchainInImage from './image/no-toolchain-in-image.js';
import noWastedSpace from './image/no-wasted-space.js';

/** Every rule, sorted by code. */
export const rules: readonly Rule[] = [
  addUrlChecksum,
  apkNoCache,
  apkPinVersions,
  aptGetYes,
  aptListsCleanup,
  aptNoInstallRecommends,
  aptPinVersions,
  consistentInstructionCasing,
  copyMultiSourceDestSlash,
  copyRelativeDestNeedsWorkdir,
  definitionDescription,
  dnfCleanAll,
  dnfPinVersions,
  dnfYes,
  exposeInvalidFormat,
  exposeProtoCasing,
  exposeValidPort,
  fromAsCasing,
  gemPinVersions,
  goPinVersions,
  instructionBeforeFrom,
  invalidDefaultArgInFrom,
  invalidJsonForm,
  jsonArgsRecommended,
  labelEmail,
  labelGitHash,
  labelKeyFormat,
  labelNotEmpty,
  labelRfc3339,
  labelSemver,
  labelSpdx,
  labelUrl,
  legacyKeyValueFormat,
  noApt,
  noCd,
  noConsecutiveRun,
  noConstantPlatformFlag,
  noCopyFromSelf,
  noCopyIgnoredFile,
  noCopyWholeStage,
  noCurlAndWget,
  noDeleteInLaterLayer,
  noDuplicateStageName,
  noEmptyContinuation,
  noEnvSelfReference,
  noInlineIgnorePragma,
  noInsecureRunFlags,
  noIrrelevantCommands,
  noLatestTag,
  noLnBinSh,
  noMaintainer,
  noMultipleInstructions,
  noOnbuildForbiddenTrigger,
  noPackageCacheInLayer,
  noRedundantTargetPlatform,
  noRemoteScriptPipe,
  noReservedStageName,
  noRootUser,
  noSecretsInArgOrEnv,
  noSecretsInValues,
  noSourceCopyBeforeInstall,
  noSudo,
  noUndefinedArgInFrom,
  noUndefinedVar,
  noUnknownCopyFrom,
  noUnknownLabels,
  noWeakenedVerification,
  noWorldWritable,
  noZypperDistUpgrade,
  npmPinVersions,
  numericUser,
  pipNoCacheDir,
  pipPinVersions,
  preferAddForLocalArchive,
  preferCacheMount,
  preferCopyOverAdd,
  preferMultiStage,
  requireAbsoluteWorkdir,
  requireDockerignore,
  requireHealthcheck,
  requireImageTag,
  requirePipefail,
  requiredLabels,
  shellcheck,
  stageNameCasing,
  syntaxError,
  trustedRegistries,
  useraddNoLogInit,
  wgetProgress,
  yarnCacheClean,
  yumCleanAll,
  yumPinVersions,
  yumYes,
  zypperClean,
  zypperNonInteractive,
  zypperPinVersions,
  noDuplicateFiles,
  noHiddenLayerBytes,
  noPackageCacheInImage,
  noToolchainInImage,
  noWastedSpace,
].sort((a, b) => compareText(a.meta.code, b.meta.code));

/** A rule by id, code or alias (case-insensitive). */
export function findRule(idOrCode: string): Rule | undefined {
  const k = idOrCode.toLowerCase();
  return rules.find((r) => r.meta.id === k || r.meta.code.toLowerCase() === k) ?? rules.find((r) => r.meta.aliases?.some((a) => a.toLowerCase() === k));
}
