-- | Hand-written lexer shared by both dialects (rewritten for 1.0.0).
module Lensql.Parser.Lexer
  ( Token (..)
  , Tok (..)
  , lexSql
  , skipComment
  , lexDollarQuoted
  ) where

import Data.Char (isAlpha, isAlphaNum, isDigit, isSpace, toUpper)
import Lensql.Types (LensqlError (..))

data Tok
  = TIdent String
  | TQuoted String
  | TKeyword String
  | TString String
  | TNumber Integer
  | TParam Int
  | TSym String
  deriving (Eq, Show)

data Token = Token { tokLine :: Int, tokCol :: Int, tokValue :: Tok }
  deriving (Eq, Show)

type Pos = (Int, Int)

keywords :: [String]
keywords =
  [ "SELECT", "FROM", "WHERE", "INSERT", "INTO", "VALUES", "UPDATE", "SET", "DELETE"
  , "JOIN", "LEFT", "RIGHT", "FULL", "INNER", "OUTER", "CROSS", "NATURAL", "ON", "USING"
  , "AND", "OR", "NOT", "NULL", "IS", "AS", "LIKE", "ESCAPE", "RETURNING", "CONFLICT", "DO"
  , "GROUP", "BY", "ORDER", "LIMIT", "OFFSET", "CREATE", "TABLE", "VIEW", "TYPE", "ENUM"
  ]

advance :: Pos -> Char -> Pos
advance (l, _) '\n' = (l + 1, 1)
advance (l, c) _    = (l, c + 1)

advanceStr :: Pos -> String -> Pos
advanceStr = foldl advance

lexSql :: FilePath -> String -> Either LensqlError [Token]
lexSql file = go (1, 1)
  where
    go _ [] = Right []
    go pos@(l, c) input@(ch : rest)
      | isSpace ch = go (advance pos ch) rest
      | Just (consumed, rest2) <- skipComment input =
          case consumed of
            Left msg -> Left (ParseError file l c msg)
            Right skipped -> go (advanceStr pos skipped) rest2
      | ch == '$', (d : _) <- rest, isDigit d =
          let (ds, rest2) = span isDigit rest
          in (Token l c (TParam (read ds)) :) <$> go (advanceStr pos ('$' : ds)) rest2
      | ch == '$' =
          case lexDollarQuoted input of
            Just (body, raw, rest2) -> (Token l c (TString body) :) <$> go (advanceStr pos raw) rest2
            Nothing -> Left (ParseError file l c "unexpected '$'")
      | ch == '\'' =
          let (body, raw, rest2) = lexStringLit rest
          in (Token l c (TString body) :) <$> go (advanceStr pos ('\'' : raw)) rest2
      | ch == '"' =
          let (name, rest2) = break (== '"') rest
          in (Token l c (TQuoted name) :) <$> go (advanceStr pos ('"' : name ++ "\"")) (drop 1 rest2)
      | isDigit ch =
          let (ds, rest2) = span isDigit input
          in (Token l c (TNumber (read ds)) :) <$> go (advanceStr pos ds) rest2
      | isAlpha ch || ch == '_' =
          let (w, rest2) = span (\x -> isAlphaNum x || x == '_') input
              up = map toUpper w
              tok = if up `elem` keywords then TKeyword up else TIdent w
          in (Token l c tok :) <$> go (advanceStr pos w) rest2
      | Just sym <- lookupSym input =
          (Token l c (TSym sym) :) <$> go (advanceStr pos sym) (drop (length sym) input)
      | otherwise = Left (ParseError file l c ("unexpected " ++ show ch))

    lookupSym s = case filter (`isPrefixOfS` s) symbols of
      (x : _) -> Just x
      [] -> Nothing
    symbols = ["<>", "<=", ">=", "!=", "||", "::", "=", "<", ">", "+", "-", "*", "/", ",", ".", ";", "(", ")", "?"]
    isPrefixOfS p s = take (length p) s == p

-- | Skip a comment at the start of the input.  Returns the consumed text, or
-- an error message for an unterminated comment; Nothing if there is no comment.
skipComment :: String -> Maybe (Either String String, String)
skipComment ('-' : '-' : rest) =
  case break (== '\n') rest of
    (body, '\n' : rest2) -> Just (Right ("--" ++ body ++ "\n"), rest2)
    (_, _) -> Just (Left "unexpected end of input", [])
skipComment ('/' : '*' : rest) = blockComment (1 :: Int) "*/" rest
  where
    blockComment 0 acc s = Just (Right (reverse acc), s)
    blockComment _ _ [] = Just (Left "unterminated block comment", [])
    blockComment n acc ('*' : '/' : s) = blockComment (n - 1) ('/' : '*' : acc) s
    blockComment n acc ('/' : '*' : s) = blockComment (n + 1) ('*' : '/' : acc) s
    blockComment n acc (x : s) = blockComment n (x : acc) s
skipComment _ = Nothing

-- | Lex a dollar-quoted string.  Returns (body, raw text consumed, rest).
-- Only the untagged form @$$ ... $$@ is supported.
lexDollarQuoted :: String -> Maybe (String, String, String)
lexDollarQuoted ('$' : '$' : rest) = go "" rest
  where
    go acc ('$' : '$' : s) = let body = reverse acc in Just (body, "$$" ++ body ++ "$$", s)
    go acc (x : s) = go (x : acc) s
    go _ [] = Nothing
lexDollarQuoted _ = Nothing

lexStringLit :: String -> (String, String, String)
lexStringLit = go "" ""
  where
    go acc raw ('\'' : '\'' : s) = go ('\'' : acc) ('\'' : '\'' : raw) s
    go acc raw ('\'' : s) = (reverse acc, reverse ('\'' : raw), s)
    go acc raw (x : s) = go (x : acc) (x : raw) s
    go acc raw [] = (reverse acc, reverse raw, [])
