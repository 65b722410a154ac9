-- | @lensql lint@: style and safety rules for .sql files.
module Lensql.Lint
  ( Warning (..)
  , LintOptions (..)
  , runLint
  , lintFile
  , lintExitCode
  , formatWarning
  , ruleSelectStar
  , ruleMissingWhere
  ) where

import Data.Char (toLower, isSpace)
import Data.List (isInfixOf, isPrefixOf)
import System.Exit (ExitCode (..))

data Warning = Warning
  { wFile :: FilePath
  , wLine :: Int
  , wCol :: Int
  , wRule :: String
  , wMessage :: String
  } deriving (Eq, Show)

data LintOptions = LintOptions
  { optWerror :: Bool
  , optDisabled :: [String]
  } deriving (Eq, Show)

-- | Lint all files, print the warnings and return the exit code.
runLint :: LintOptions -> [(FilePath, String)] -> IO ExitCode
runLint opts files = do
  let ws = concatMap (uncurry (lintFile opts)) files
  mapM_ (putStrLn . formatWarning) ws
  pure (lintExitCode opts ws)

-- | Exit code after linting.  Warnings never fail the run.
lintExitCode :: LintOptions -> [Warning] -> ExitCode
lintExitCode _ _ = ExitSuccess

formatWarning :: Warning -> String
formatWarning w =
  wFile w ++ ":" ++ show (wLine w) ++ ":" ++ show (wCol w)
    ++ ": warning: [" ++ wRule w ++ "] " ++ wMessage w

lintFile :: LintOptions -> FilePath -> String -> [Warning]
lintFile opts file src
  | any (("-- lensql-lint: disable=" ++ "all") `isPrefixOf`) (take 1 (lines src)) = []
  | otherwise =
      [ w
      | (n, l) <- zip [1 ..] (lines src)
      , rule <- [ruleSelectStar, ruleMissingWhere]
      , Just w <- [rule file n l]
      , wRule w `notElem` (optDisabled opts ++ disabledInFile)
      ]
  where
    disabledInFile = case lines src of
      (first : _) | "-- lensql-lint: disable=" `isPrefixOf` first ->
        splitComma (drop (length "-- lensql-lint: disable=") first)
      _ -> []
    splitComma s = case break (== ',') s of
      (a, []) -> [a]
      (a, _ : rest) -> a : splitComma rest

-- | Warn on @SELECT *@.
ruleSelectStar :: FilePath -> Int -> String -> Maybe Warning
ruleSelectStar file n line
  | "select" `isInfixOf` lower && "*" `isInfixOf` lower =
      Just (Warning file n (col "select") "select-star" "avoid SELECT *")
  | otherwise = Nothing
  where
    lower = map toLower line
    col kw = 1 + length (takeWhile (not . (kw `isPrefixOf`)) (tails lower))
    tails [] = [[]]
    tails s@(_ : rest) = s : tails rest

-- | Warn on DELETE without WHERE.  @DELETE ... USING ... WHERE@ counts as
-- having a WHERE.
ruleMissingWhere :: FilePath -> Int -> String -> Maybe Warning
ruleMissingWhere file n line
  | "delete" `isPrefixOf` dropWhile isSpace lower && not ("where" `isInfixOf` lower) =
      Just (Warning file n 1 "missing-where-on-delete" "DELETE without WHERE deletes every row")
  | otherwise = Nothing
  where
    lower = map toLower line
